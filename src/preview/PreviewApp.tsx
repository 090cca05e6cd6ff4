/** The preview page: the in-memory workbook as a grid beside the real task pane, no Excel needed. */
import {
  FluentProvider,
  makeStaticStyles,
  makeStyles,
  Switch,
  Text,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import type { Locale } from "../engine";
import { createPaneServices } from "../taskpane/controller/services";
import { STRINGS } from "../taskpane/i18n";
import { PaneApp } from "../taskpane/PaneApp";
import type { MemoryWorkbook } from "../workbook/memory/memory-workbook";
import { createSelectionHub } from "./selection-hub";
import { WorkbookView } from "./WorkbookView/WorkbookView";

// Page-level rules through Griffel (CSSOM), so the page's CSP needs no 'unsafe-inline'.
const usePageStyles = makeStaticStyles({ "html, body": { margin: 0, height: "100%" } });

const useStyles = makeStyles({
  page: {
    display: "grid",
    gridTemplateRows: "auto 1fr",
    height: "100vh",
    backgroundColor: tokens.colorNeutralBackground2,
    // Printing the preview prints the sheet shown (the appendix, a ranked sheet), not the page.
    "@media print": { display: "block", height: "auto" },
  },
  top: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    "@media print": { display: "none" },
  },
  title: { color: tokens.colorNeutralForegroundOnBrand, fontWeight: tokens.fontWeightSemibold },
  note: { color: tokens.colorNeutralForegroundOnBrand },
  body: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) 24rem",
    minHeight: 0,
    "@media print": { display: "block" },
  },
  pane: {
    overflowY: "auto",
    borderLeftWidth: tokens.strokeWidthThin,
    borderLeftStyle: "solid",
    borderLeftColor: tokens.colorNeutralStroke1,
    backgroundColor: tokens.colorNeutralBackground1,
    "@media print": { display: "none" },
  },
});

interface PreviewAppProps {
  readonly workbook: MemoryWorkbook;
  readonly onFirstRender?: () => void;
}

export function PreviewApp(props: PreviewAppProps) {
  usePageStyles();
  const styles = useStyles();
  const hub = useMemo(() => createSelectionHub(), []);
  const services = useMemo(() => createPaneServices(props.workbook, hub), [props.workbook, hub]);
  const [pageLocale, setPageLocale] = useState<Locale>("vi");
  const [paneLocale, setPaneLocale] = useState<Locale>("vi");
  const t = STRINGS[pageLocale].preview;
  const { onFirstRender } = props;
  useEffect(() => onFirstRender?.(), [onFirstRender]);
  return (
    <FluentProvider theme={webLightTheme}>
      <div className={styles.page}>
        <header className={styles.top}>
          <Text as="h1" size={400} className={styles.title}>
            {t.title}
          </Text>
          <Text className={styles.note}>{t.sampleNote}</Text>
          <Switch
            label={<span className={styles.note}>EN</span>}
            aria-label="English (preview page)"
            checked={pageLocale === "en"}
            onChange={(_, d) => setPageLocale(d.checked ? "en" : "vi")}
          />
        </header>
        <div className={styles.body}>
          <WorkbookView
            workbook={props.workbook}
            selection={hub}
            locale={paneLocale}
            labels={{
              workbook: t.workbook,
              sheets: t.sheets,
              formulaBar: t.formulaBar,
              grid: t.grid,
              cellEditor: t.cellEditor,
              chart: t.chart,
              chartNoValue: t.chartNoValue,
            }}
          />
          <aside className={styles.pane} aria-label="DTI">
            <PaneApp services={services} initialProfileId="sample" onLocaleChange={setPaneLocale} />
          </aside>
        </div>
      </div>
    </FluentProvider>
  );
}
