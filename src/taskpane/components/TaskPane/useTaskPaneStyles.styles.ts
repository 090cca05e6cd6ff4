import { makeStyles, tokens } from "@fluentui/react-components";

export const useTaskPaneStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minWidth: 0,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    // A <select> is as wide as its longest option: let fields shrink to the pane's width.
    "& .fui-Field": { minWidth: 0 },
    "& .fui-Select": { minWidth: 0, maxWidth: "100%" },
    "& select": { minWidth: 0, textOverflow: "ellipsis" },
  },
  header: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
  },
  tabs: { flexWrap: "wrap" },
  panel: { paddingTop: tokens.spacingVerticalS },
  spinner: { alignSelf: "flex-start" },
});
