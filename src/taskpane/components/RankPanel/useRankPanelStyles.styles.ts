import { makeStyles, shorthands, tokens } from "@fluentui/react-components";

export const useRankPanelStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  row: { display: "flex", columnGap: tokens.spacingHorizontalM, flexWrap: "wrap" },
  fieldset: {
    display: "flex",
    flexDirection: "column",
    ...shorthands.borderStyle("none"),
    padding: 0,
    margin: 0,
  },
  links: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});
