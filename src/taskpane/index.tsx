/**
 * The task pane page in Excel. office.js is optional: outside Excel (or when the CDN fails) the page
 * says where to go instead. Inside Excel the pane runs on OfficeWorkbook.
 *
 * Loading in two steps (bundle size, issue 14): this entry holds only React, Fluent's provider and
 * the few components of the first paint (title, spinner, the outside-Excel message). The pane itself
 * (PaneApp: controller, tabs, src/app use-cases, the engine) and the Office adapter are dynamic
 * imports fetched right after the first paint, in parallel with Office.onReady.
 * `npx tsx scripts/bundle-size.ts dist` prints both parts.
 */
import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle1,
  webLightTheme,
} from "@fluentui/react-components";
import { createRoot, type Root } from "react-dom/client";
import { STRINGS } from "./i18n";
import { officeHost, officeSelection } from "./host/office-host";
import { describeMissing, missingSets } from "../workbook/office/requirements";

/** The first paint: the pane's title and a spinner while the pane's code arrives. */
function renderShell(root: Root): void {
  const t = STRINGS.vi;
  root.render(
    <FluentProvider theme={webLightTheme}>
      <main lang="vi" aria-busy style={{ padding: "12px 16px" }}>
        <Subtitle1 as="h1">{t.appTitle}</Subtitle1>
        <Spinner size="tiny" label={t.busy} style={{ marginTop: 16 }} />
      </main>
    </FluentProvider>
  );
}

async function loadPane() {
  const [{ OfficeWorkbook }, { createPaneServices }, { PaneApp }] = await Promise.all([
    import(/* webpackChunkName: "office-workbook" */ "../workbook/office/office-workbook"),
    import(/* webpackChunkName: "pane" */ "./controller/services"),
    import(/* webpackChunkName: "pane" */ "./PaneApp"),
  ]);
  return { OfficeWorkbook, createPaneServices, PaneApp };
}

async function start(el: HTMLElement): Promise<void> {
  const root = createRoot(el);
  renderShell(root);
  // Fetched while Office.onReady settles; unused (and harmless) outside Excel.
  const pane = loadPane();
  pane.catch(() => undefined);
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
  // The manifest asks Office for these sets; checked again, so an older Excel (or a sideloaded
  // manifest) is told what it lacks instead of failing later with ApiNotFound.
  const missing = missingSets((name, version) =>
    Office.context.requirements.isSetSupported(name, version)
  );
  if (missing.length > 0) {
    root.render(
      <FluentProvider theme={webLightTheme}>
        <MessageBar intent="error">
          <MessageBarBody>
            {STRINGS.vi.missingRequirements(describeMissing(missing, "vi"))}
            <br />
            <span lang="en">{STRINGS.en.missingRequirements(describeMissing(missing, "en"))}</span>
          </MessageBarBody>
        </MessageBar>
      </FluentProvider>
    );
    return;
  }
  const { OfficeWorkbook, createPaneServices, PaneApp } = await pane;
  const services = createPaneServices(new OfficeWorkbook(), officeSelection);
  // Vietnamese first whatever Office's display language; the switch in the pane gives English.
  root.render(<PaneApp services={services} initialLocale="vi" initialProfileId="sonla-2024" />);
}

const el = document.getElementById("container");
if (el) void start(el);
