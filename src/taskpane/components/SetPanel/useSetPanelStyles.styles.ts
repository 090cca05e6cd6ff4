import { makeStyles, tokens } from "@fluentui/react-components";

export const useSetPanelStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  row: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
    alignItems: "end",
  },
  file: { fontSize: tokens.fontSizeBase300, fontFamily: tokens.fontFamilyBase },
  summary: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  def: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  groups: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});
