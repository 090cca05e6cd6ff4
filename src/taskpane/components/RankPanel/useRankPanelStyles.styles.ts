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
  /** A bar that receives focus after the action that caused it: outline only for keyboard users. */
  focusTarget: {
    ":focus-visible": {
      outlineStyle: "solid",
      outlineWidth: tokens.strokeWidthThick,
      outlineColor: tokens.colorStrokeFocus2,
    },
    ":focus": { outlineStyle: "none" },
  },
});
