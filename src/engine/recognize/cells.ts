/** Numbers read from cells, with the issue each unusual cell deserves. */
import {
  issueOf,
  type CellRef,
  type CellValue,
  type EnteredNumber,
  type Issue,
  type IssueCode,
  type ParamsOf,
} from "../model/types";
import { parseVnNumber } from "../numbers/vn-number";

interface ReadContext {
  readonly unitName?: string;
  readonly unit?: string;
  readonly indicator?: string;
  /** What the number is ("self", "appraised", "max", "score"): a message param. */
  readonly field: string;
}

/** The codes readNumber raises: their params carry the read's context (field, unit, indicator). */
type ReadCode = "vn_number_parsed" | "ambiguous_number" | "not_a_number" | "formula_error";

function issue<C extends ReadCode>(
  code: C,
  severity: Issue["severity"],
  cell: CellRef,
  ctx: ReadContext,
  params: Omit<ParamsOf<C>, "field" | "unitName" | "indicator">
): Issue {
  const base = {
    field: ctx.field,
    ...params,
    ...(ctx.unitName !== undefined ? { unitName: ctx.unitName } : {}),
    ...(ctx.indicator !== undefined ? { indicator: ctx.indicator } : {}),
  } as ParamsOf<C>;
  return issueOf<C>({
    code,
    severity,
    cell,
    ...(ctx.unit !== undefined ? { unit: ctx.unit } : {}),
    ...(ctx.indicator !== undefined ? { indicator: ctx.indicator } : {}),
    params: base,
  });
}

/**
 * A cell as a number: `points` null when blank or unusable. Issues: vn_number_parsed (warning, a
 * number typed as text), ambiguous_number, not_a_number, formula_error (errors).
 */
export function readNumber(
  raw: CellValue,
  cell: CellRef,
  ctx: ReadContext,
  issues: Issue[]
): EnteredNumber {
  if (typeof raw === "number" && Number.isFinite(raw)) return { points: raw, raw, cell };
  if (raw === null) return { points: null, raw: null, cell };
  const p = parseVnNumber(raw);
  switch (p.kind) {
    case "number":
      if (p.typedAsText) {
        issues.push(
          issue("vn_number_parsed", "warning", cell, ctx, {
            text: typeof raw === "string" ? raw : String(p.value),
            value: p.value,
          })
        );
      }
      return { points: p.value, raw, cell };
    case "blank":
      return { points: null, raw: null, cell };
    case "ambiguous":
      issues.push(
        issue("ambiguous_number", "error", cell, ctx, {
          text: p.text,
          candidates: p.candidates.join(" | "),
          first: p.candidates[0] ?? null,
          second: p.candidates[1] ?? null,
        })
      );
      return { points: null, raw, cell };
    case "not-a-number":
      issues.push(issue("not_a_number", "error", cell, ctx, { text: p.text }));
      return { points: null, raw, cell };
    case "error":
      issues.push(issue("formula_error", "error", cell, ctx, { text: p.text }));
      return { points: null, raw, cell };
  }
}

/** An issue of code `C` with its typed params (a missing or misnamed param is a type error). */
export function makeIssue<C extends IssueCode>(
  code: C,
  severity: Issue["severity"],
  cell: CellRef | undefined,
  params: ParamsOf<C>,
  extra: { unit?: string; indicator?: string } = {}
): Issue {
  return issueOf<C>({
    code,
    severity,
    ...(cell !== undefined ? { cell } : {}),
    ...(extra.unit !== undefined ? { unit: extra.unit } : {}),
    ...(extra.indicator !== undefined ? { indicator: extra.indicator } : {}),
    params,
  });
}
