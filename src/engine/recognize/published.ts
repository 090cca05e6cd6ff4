/**
 * What a result table says itself (hand-typed "Xếp hạng", "Xếp loại", "Tỷ lệ %") compared with the
 * computed result: every difference is a warning at that cell, so a decision never carries a
 * hand-typed error unseen (issue 9 item 6, issue 13 item 5).
 */
import type { CellRef, Issue, Ranking, Recognized } from "../model/types";
import { foldLoose } from "../text/normalize";

export interface PublishedValues {
  readonly unitId: string;
  readonly rank?: { readonly value: number; readonly cell: CellRef };
  readonly grade?: { readonly text: string; readonly cell: CellRef };
  readonly percent?: { readonly value: number; readonly decimals: number; readonly cell: CellRef };
}

export function checkPublished(
  data: Pick<Recognized, "published">,
  ranking: Pick<Ranking, "groups">,
  hasGrades: boolean
): Issue[] {
  const out: Issue[] = [];
  const list = data.published ?? [];
  if (list.length === 0) return out;
  const byId = new Map(ranking.groups.flatMap((g) => g.units.map((u) => [u.unitId, u] as const)));
  for (const p of list) {
    const u = byId.get(p.unitId);
    if (u === undefined) continue;
    const base = { unitName: u.unitName };
    if (p.rank !== undefined && u.rank !== null && u.rank !== p.rank.value)
      out.push({
        code: "published_rank_mismatch",
        severity: "warning",
        cell: p.rank.cell,
        unit: u.unitId,
        params: { ...base, typed: p.rank.value, computed: u.rank },
      });
    if (p.grade !== undefined && hasGrades && u.grade.kind !== "gap") {
      const computed = u.grade.kind === "band" ? u.grade.label : "";
      const typed = foldLoose(p.grade.text);
      if (
        u.totalPoints !== null &&
        typed !== foldLoose(computed) &&
        (u.grade.kind !== "band" || typed !== foldLoose(u.grade.labelEn))
      )
        out.push({
          code: "published_grade_mismatch",
          severity: "warning",
          cell: p.grade.cell,
          unit: u.unitId,
          params: { ...base, typed: p.grade.text, computed: computed || "—" },
        });
    }
    if (p.percent !== undefined && u.percentOfMax !== null) {
      const typed =
        p.percent.value <= 1 && u.percentOfMax > 1 ? p.percent.value * 100 : p.percent.value;
      const tol = 0.5 * 10 ** -Math.max(0, p.percent.decimals) + 0.005;
      if (Math.abs(typed - u.percentOfMax) > tol)
        out.push({
          code: "published_percent_mismatch",
          severity: "warning",
          cell: p.percent.cell,
          unit: u.unitId,
          params: {
            ...base,
            typed: p.percent.value,
            computed: Math.round(u.percentOfMax * 100) / 100,
          },
        });
    }
  }
  return out;
}
