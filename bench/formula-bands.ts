/**
 * The band formulas the ranked sheets write, built as the ranking builds them: each preset's bands
 * through the rules sheet "Quy tắc" (its band cells and block), and a stress scheme of n bands.
 * Shared by bench/formula-size.bench.ts and test/engine/formulas/formula-limits.test.ts.
 */
import {
  bandRefsOf,
  listPresets,
  rulesInForce,
  rulesSheetSpec,
  RULES_SHEET,
  type RulesBand,
  type RulesDoc,
} from "../src/engine/rules";
import { getProfile } from "../src/engine/profiles";
import type { BandRefs, GradeScheme } from "../src/engine";
import { MemoryWorkbook } from "../src/workbook/memory/memory-workbook";

export interface BandCase {
  readonly id: string;
  readonly scheme: GradeScheme;
  readonly refs: BandRefs;
}

/** The scheme and band references the ranking gets when `doc` is the workbook's rules sheet. */
export async function bandCase(doc: RulesDoc): Promise<BandCase | null> {
  const wb = MemoryWorkbook.fromGrids([]);
  await wb.apply([rulesSheetSpec(doc).spec]);
  const grid = (await wb.readGrids([RULES_SHEET]))[0];
  if (grid === undefined) return null;
  const force = rulesInForce([grid], getProfile("generic"));
  if (force.from !== "rules-sheet" || force.profile === null || force.rules === null) return null;
  const scheme = force.profile.gradeScheme;
  if (scheme === null || scheme.bands.length === 0) return null;
  return { id: doc.id, scheme, refs: bandRefsOf(force.rules) };
}

/** Every preset with bands. */
export async function presetCases(): Promise<BandCase[]> {
  const out: BandCase[] = [];
  for (const doc of listPresets()) {
    const c = await bandCase(doc);
    if (c !== null) out.push(c);
  }
  return out;
}

/** Sơn La 2024's rules with `n` bands of long labels, evenly spread over 0–100 %. */
export function stressDoc(n: number): RulesDoc {
  const base = listPresets().find((d) => d.id === "sonla-2024");
  if (base === undefined) throw new Error("preset sonla-2024 missing");
  const step = 100 / n;
  const bands: RulesBand[] = Array.from({ length: n }, (_, i) => ({
    label: `Mức ${n - i} - Chuyển đổi số nâng cao`,
    labelEn: `Level ${n - i}`,
    lower:
      i === n - 1 ? null : { value: Math.round((n - 1 - i) * step * 100) / 100, inclusive: true },
    upper: i === 0 ? null : { value: Math.round((n - i) * step * 100) / 100, inclusive: false },
    basis: "percent",
  }));
  return { ...base, id: `stress-${n}`, bands };
}
