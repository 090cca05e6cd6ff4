import type { CellRef, Indicator, TableLayout } from "../../engine";
/** View models: what the pane's components receive (plain data, already in the user's language). */
import type { Issue, RoundingStage, Severity, TiePolicy } from "../../engine";

export type TabId = "set" | "check" | "progress" | "rank" | "explain";

export interface ProfileOption {
  readonly id: string;
  readonly name: string;
}

/** The loaded set, as shown for confirmation. */
export interface LoadedView {
  readonly name: string;
  /** "1287/QĐ-UBND (2024), UBND tỉnh Sơn La" */
  readonly source: string;
  readonly groups: readonly { readonly name: string; readonly maxPoints: number }[];
  readonly mainIndices: number;
  readonly components: number;
  readonly maxPoints: number;
  /** Units found beside the set (entry workbook), null when none were read. */
  readonly units: number | null;
  /** Where it came from: the sheet or file name. */
  readonly from: string;
  readonly issues: number;
  /** A foreign table's recognised layout, shown for confirmation (LayoutPanel). */
  readonly layout?: TableLayout;
  /** The indicator tree, for the layout panel (absent: not shown). */
  readonly indicators?: readonly Indicator[];
}

/** One issue in the list: the engine's issue with its text and the offered fix, if safe. */
export interface IssueView {
  readonly key: string;
  readonly issue: Issue;
  readonly severity: Severity;
  /** "'Nhập điểm'!F12" or "" */
  readonly where: string;
  /** What is wrong and how to fix it. */
  readonly text: string;
  readonly unit: string | null;
  readonly indicator: string | null;
  readonly fix: { readonly before: string; readonly after: string } | null;
}

export interface RankOptions {
  /** Group ids to rank (all by default). */
  readonly groups: readonly string[];
  readonly tiePolicy: TiePolicy;
  readonly roundingStage: RoundingStage;
  readonly decimals: number;
  /** Sheet holding last year's results, or null. */
  readonly lastYearSheet: string | null;
}

/** A build asked for while errors are outstanding: the question, with the errors listed. */
export interface PendingBuildView {
  readonly appendix: boolean;
  readonly errors: readonly IssueView[];
}

export interface RankResultView {
  readonly sheets: readonly string[];
  readonly units: number;
}

export interface ExplanationView {
  /** "'Nhập điểm'!G7" */
  readonly cell: string;
  readonly unit: string | null;
  readonly indicator: string | null;
  /** "8,5 trên tối đa 10" or "chưa tính được" */
  readonly points: string;
  readonly method: string;
  readonly rule: string;
  readonly inputs: readonly { readonly label: string; readonly value: string }[];
  readonly source: string;
}

/** The explain panel's state: nothing selected, a cell that is not a result, or an explanation. */
export type ExplainState =
  | { readonly kind: "none" }
  | { readonly kind: "not-a-result"; readonly cell: string }
  | { readonly kind: "explained"; readonly view: ExplanationView };

/** What "create entry sheets" / "import agencies' forms" did, shown on the Bộ chỉ số tab. */
export interface EntryResultView {
  readonly kind: "created" | "imported";
  readonly sheets: readonly string[];
  /** Units in the matrix now. */
  readonly units: number;
  /** Forms read from the chosen files ("imported" only). */
  readonly imported: number;
  /** Scores carried over from the entry sheets that were there. */
  readonly kept: number;
  /** Problems met on the way (a file that is not an .xlsx, an unknown agency…), as text. */
  readonly notes: readonly string[];
}

/** The entry-sheet part of the Bộ chỉ số tab. */
export interface EntryView {
  /** Units listed in the workbook's "Đơn vị" sheet; null when there is none (the pane asks). */
  readonly unitsInSheet: number | null;
  readonly result: EntryResultView | null;
}

/** The last quick fix, offered for undo. */
export interface FixDoneView {
  /** "'Nhập điểm'!F7" */
  readonly cell: string;
  readonly before: string;
  readonly after: string;
  /** Cells fixed ("Sửa tất cả": more than one; the cell/before/after above are the first). */
  readonly count?: number;
  /** "Sửa tất cả": cells that changed since the check and were left alone. */
  readonly refused?: number;
}

/** One agency in "Tiến độ". */
export interface ProgressUnitView {
  readonly id: string;
  readonly name: string;
  /** The file its form was imported from; null: not imported. */
  readonly formFile: string | null;
  readonly toEnter: number;
  readonly entered: number;
  readonly appraised: number;
  readonly missingEvidence: number;
  readonly errors: number;
  /** Everything entered and appraised, evidence given, no error. */
  readonly done: boolean;
  /** Its column in the entry matrix (go to), or null. */
  readonly cell: CellRef | null;
}

/** "Tiến độ": per agency by group, with the totals; or why the entry sheets could not be read. */
export type ProgressView =
  | { readonly kind: "none" }
  | { readonly kind: "unreadable"; readonly problems: readonly string[] }
  | {
      readonly kind: "read";
      readonly groups: readonly {
        readonly id: string;
        readonly name: string;
        readonly units: readonly ProgressUnitView[];
      }[];
      readonly totals: {
        readonly units: number;
        readonly forms: number;
        readonly toEnter: number;
        readonly entered: number;
        readonly appraised: number;
        readonly missingEvidence: number;
        readonly done: number;
      };
    };
