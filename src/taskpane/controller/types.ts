/** View models: what the pane's components receive (plain data, already in the user's language). */
import type { Issue, RoundingStage, Severity, TiePolicy } from "../../engine/model/types";

export type TabId = "set" | "check" | "rank" | "explain";

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
