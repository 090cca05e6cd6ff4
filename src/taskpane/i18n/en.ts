/** English texts of the task pane: the same keys as vi.ts (the type forces it). */
import type { Strings } from "./vi";

export const en: Strings = {
  appTitle: "DTI for Excel",
  languageSwitch: "English",
  languageSwitchLabel: "Show in English",
  tabs: { set: "Indicator set", check: "Check", rank: "Ranking", explain: "Explain" },
  tabListLabel: "Steps",
  errorTitle: "Could not do that",
  dismiss: "Dismiss message",
  busy: "Working…",
  set: {
    heading: "Load the indicator set",
    intro: "Choose how to load the indicator set, review it, then confirm.",
    fromSheet: "Recognise the active sheet",
    fromFile: "Import an indicator set file (.xlsx)",
    fromFileHint: "The province's official indicator workbook.",
    profile: "Built-in rules",
    profileHint: "Scoring and grading rules from the province's decision.",
    useProfile: "Use these rules",
    loaded: "Loaded indicator set",
    name: "Name",
    source: "Source decision",
    groups: "Ranking groups",
    mainIndices: "Main indices",
    components: "Components",
    maxPoints: "Maximum points",
    units: "Agencies",
    groupLine: (name: string, max: number) => `${name}: up to ${max} points`,
    confirm: "Confirm the indicator set",
    confirmed: "Confirmed. Checks and rankings use this indicator set.",
    issuesWhileLoading: (n: number) => `${n} problem(s) while loading (see the Check tab).`,
    entry: {
      heading: "Entry sheets",
      intro:
        "Create the Nhập điểm sheet (indicators × agencies: self-assessment, appraisal, evidence) and the Đơn vị sheet. Creating them again keeps the scores typed.",
      fromSheet: (n: number) => `Using the ${n} agencies listed in the Đơn vị sheet.`,
      names: "Agency names (one per line)",
      namesHint:
        "There is no Đơn vị sheet yet. Type the names; groups, subordinate units and online services can be set later in the Đơn vị sheet.",
      group: "Ranking group of these agencies",
      noGroup: "No group yet",
      create: "Create the entry sheets",
      forms: "Import agencies' self-assessment forms",
      formsHint:
        "Choose one or more .xlsx files (one agency's form each). Scores already in the matrix are kept.",
      created: (units: number, kept: number) =>
        `Entry sheets created for ${units} agencies` +
        (kept > 0 ? `; ${kept} scores already typed were kept.` : "."),
      imported: (files: number, units: number) =>
        `Imported the forms of ${files} agencies; the entry matrix holds ${units} agencies.`,
      sheets: "Sheets written",
      open: (sheet: string) => `Open sheet ${sheet}`,
      notes: "To review",
    },
  },
  rules: {
    heading: "Rules sheet (Quy tắc)",
    intro:
      "The province's rules live in the workbook's \"Quy tắc\" sheet: choose the closest preset, write the sheet, then edit it to match the decision. Checks, rankings and the ranked sheets' formulas all use it.",
    preset: "Preset to start from",
    write: "Write the rules sheet",
    replace: "Replace the changed sheet",
    refresh: "Check the rules sheet again",
    none: "No rules sheet yet: the rule set chosen above applies.",
    inForce: (name: string, preset: string | null, changed: boolean) =>
      `The rules sheet applies: ${name}${preset !== null ? ` (from preset ${preset}${changed ? ", changed" : ""})` : ""}.`,
    incomplete:
      'The rules sheet has errors or cells reading "điền theo quyết định": nothing can be graded or ranked yet.',
    changedKept:
      'The rules sheet was changed from its preset, so it was not replaced. Click "Replace the changed sheet" to replace it.',
    goTo: (cell: string) => `Go to cell ${cell}`,
  },
  check: {
    heading: "Check the data",
    live: "Checked as you type or paste.",
    counts: "Problems by severity",
    severity: { error: "Errors", warning: "Warnings", info: "Notes" },
    severityOne: { error: "Error", warning: "Warning", info: "Note" },
    filterUnit: "Filter by agency",
    filterIndicator: "Filter by indicator",
    filterCode: "Filter by kind of problem",
    all: "All",
    none: "No problems.",
    noneFiltered: "No problems match the filter.",
    list: "Problems",
    goTo: (cell: string) => `Go to ${cell}`,
    fix: "Quick fix",
    fixTitle: (cell: string) => `Fix cell ${cell}?`,
    fixBody: (before: string, after: string) =>
      `The cell holds ${before}. It will be written as the number ${after}. After the fix, the Undo button puts the old value back.`,
    fixConfirm: "Fix",
    cancel: "Cancel",
    recheck: "Check everything again",
    notLoaded: "No indicator set yet: start on the Indicator set tab.",
    fixed: (cell: string, before: string, after: string) =>
      `Fixed ${cell}: ${before} is now the number ${after}.`,
    undo: "Undo",
    undoLabel: (cell: string) => `Undo the fix of ${cell}`,
  },
  rank: {
    heading: "Build the ranking",
    groups: "Groups to rank",
    tiePolicy: "Ties",
    ties: {
      competition: "Shared rank, next rank skipped (1, 1, 3)",
      dense: "Shared rank, no rank skipped (1, 1, 2)",
      "main-index-order": "Broken by the main indices in order",
    },
    rounding: "Round at",
    roundingStages: {
      display: "Display only",
      component: "Each component",
      "main-index": "Each main index",
      total: "The total",
    },
    decimals: "Decimal places",
    lastYear: "Last year's results (to compare)",
    noLastYear: "No comparison",
    build: "Build the ranking",
    building: "Building the ranking…",
    step: (step: "read" | "score" | "write") =>
      ({
        read: "Step 1 of 3: reading the data…",
        score: "Step 2 of 3: scoring, grading, ranking…",
        write: "Step 3 of 3: writing the ranked sheets…",
      })[step],
    done: "Made:",
    open: (sheet: string) => `Open sheet ${sheet}`,
    units: (n: number) => `${n} agencies ranked.`,
    notLoaded: "No indicator set yet: start on the Indicator set tab.",
    appendix: "Create the decision's appendix",
    appendixHint: "The ranked sheets and one print-ready (A4) Phụ lục sheet per group.",
    askTitle: (n: number) => `${n} error(s) not fixed`,
    askBody:
      "Units with errors will be ranked with provisional results (said in the Ghi chú column). Fix them first, or rank anyway?",
    askMore: (n: number) => `… and ${n} more (see the Check tab).`,
    buildAnyway: "Rank anyway",
    fixFirst: "Fix first",
    errorsLabel: "Errors not fixed",
  },
  explain: {
    heading: "Where does this number come from?",
    pick: "Select a score cell (sheet Nhập điểm) or a result row in the workbook.",
    nothing: (cell: string) => `Cell ${cell} is not a score or a result.`,
    cell: "Cell",
    unit: "Agency",
    indicator: "Indicator",
    points: "Points",
    method: "Method",
    inputs: "Inputs",
    rule: "Rule",
    source: "Source",
    notScored: "not scored yet",
    outOf: (max: number) => `out of ${max}`,
    rules: {
      entered: (from: "appraised" | "self") =>
        from === "appraised"
          ? "Appraised score as entered"
          : "Self-assessed score (no appraised score yet)",
      ratio: "Ratio a / b × maximum",
      step: "Steps: the highest step reached gives its points",
      fraction: "Option: a fraction of the maximum",
      "capped-sum": "Sum of the items, capped at the maximum",
      "normalised-to-best": "Relative to the best agency in the group",
      "peer-max": "No subordinate units: the best score among peers in the group",
      proportional: "No online public services: proportional to the other indicators",
      "not-applicable-max": "Not applicable to a special-purpose agency: full points",
      bonus: "Bonus points",
      penalty: "Penalty points",
      unscored: "Collected, not scored",
      "sum-of-components": "Sum of the components",
      "entered-total": "Total as written in the sheet",
      missing: "Blank or unreadable: the total is provisional",
      total: "Sum of the main indices, graded on % of the maximum, ranked within the group",
    },
    grade: "Grade",
    rank: "Rank in group",
    percent: "Share of maximum",
  },
  /** Workbook errors come from src/workbook/messages.ts; this is the text for anything else. */
  paneErrors: {
    noUnits:
      "No agencies yet: type their names (one per line) or fill in the Đơn vị sheet, then try again.",
    fixChanged:
      "The cell changed since the last check, so it was not fixed. Check again and fix it if still needed.",
    undoChanged:
      "Could not undo: the cell was edited after the quick fix. Its current value is kept.",
  },
  portErrors: {
    unknown: () =>
      "Something unexpected went wrong. Try again; if it persists, save the file and reopen Excel.",
  },
  outsideExcel:
    "This page runs inside Excel. To try it without Excel, open the preview (npm start).",
  missingRequirements: (sets: string) =>
    `This version of Excel lacks what the add-in needs: ${sets}. Update Excel (File > Account > Update Options > Update Now), or use Microsoft 365 or Excel on the web.`,
  preview: {
    title: "DTI for Excel: preview (no Excel needed)",
    workbook: "Workbook",
    sheets: "Sheets",
    cellEditor: (cell: string) => `Cell ${cell}`,
    selected: "Selected cell",
    formulaBar: "Cell content",
    grid: (sheet: string) => `Sheet ${sheet}`,
    sampleNote: "Illustrative data, not official figures.",
  },
};
