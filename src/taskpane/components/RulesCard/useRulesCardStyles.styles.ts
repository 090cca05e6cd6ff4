import { makeStyles, tokens } from "@fluentui/react-components";

export const useRulesCardStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  row: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
    alignItems: "end",
  },
  issues: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});
