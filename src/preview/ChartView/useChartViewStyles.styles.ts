import { makeStyles, tokens } from "@fluentui/react-components";

export const useChartViewStyles = makeStyles({
  figure: {
    margin: 0,
    padding: tokens.spacingHorizontalM,
    maxWidth: "44rem",
    borderTopWidth: tokens.strokeWidthThin,
    borderTopStyle: "solid",
    borderTopColor: tokens.colorNeutralStroke2,
  },
  caption: { fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalXS },
  svg: { width: "100%", height: "auto", display: "block" },
  bar: { fill: tokens.colorBrandBackground },
  grid: { stroke: tokens.colorNeutralStroke2, strokeWidth: tokens.strokeWidthThin },
  label: { fill: tokens.colorNeutralForeground1, fontSize: tokens.fontSizeBase200 },
  tick: { fill: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase100 },
});
