import { makeStyles, tokens } from "@fluentui/react-components";

export const useEntryPanelStyles = makeStyles({
  // The card follows the Bộ chỉ số section inside the same tab panel.
  root: { marginTop: tokens.spacingVerticalL },
  result: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
});
