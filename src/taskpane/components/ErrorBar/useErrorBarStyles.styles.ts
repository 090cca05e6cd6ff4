import { makeStyles, tokens } from "@fluentui/react-components";

export const useErrorBarStyles = makeStyles({
  root: { marginBottom: tokens.spacingVerticalS },
  text: { whiteSpace: "pre-line" },
});
