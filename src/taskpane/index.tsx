/**
 * The task pane page in Excel. office.js is optional: outside Excel (or when the CDN fails) the page
 * says where to go instead. Inside Excel the pane runs on OfficeWorkbook, loaded after Office is ready.
 */
import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  webLightTheme,
} from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { STRINGS } from "./i18n";
import { officeHost, officeSelection } from "./host/office-host";
import { createPaneServices } from "./controller/services";
import { PaneApp } from "./PaneApp";

async function start(el: HTMLElement): Promise<void> {
  const root = createRoot(el);
  const host = await officeHost();
  if (host !== "excel") {
    root.render(
      <FluentProvider theme={webLightTheme}>
        <MessageBar intent="info">
          <MessageBarBody>
            {STRINGS.vi.outsideExcel}
            <br />
            <span lang="en">{STRINGS.en.outsideExcel}</span>
          </MessageBarBody>
        </MessageBar>
      </FluentProvider>
    );
    return;
  }
  const { OfficeWorkbook } = await import("../workbook/office/office-workbook");
  const services = createPaneServices(new OfficeWorkbook(), officeSelection);
  // Vietnamese first whatever Office's display language; the switch in the pane gives English.
  root.render(<PaneApp services={services} initialLocale="vi" initialProfileId="sonla-2024" />);
}

const el = document.getElementById("container");
if (el) void start(el);
