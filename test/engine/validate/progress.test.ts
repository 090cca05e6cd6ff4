/**
 * "Tiến độ" (issue 13): per agency, scores to enter / entered / appraised, missing evidence and
 * errors, on the embedded sample read exactly (its planted problems are known) and on small cases.
 */
import { checkInput, readInput } from "../../../src/engine/pipeline";
import { getProfile } from "../../../src/engine/profiles";
import { recognize } from "../../../src/engine/recognize";
import { SAMPLE_PROBLEMS, SAMPLE_UNITS, sampleGrids } from "../../../src/engine/sample";
import { ENTRY_SHEET } from "../../../src/engine/entry";
import { entryProgress } from "../../../src/engine/validate/progress";

function sample() {
  const profile = getProfile("sample");
  const rec = recognize(sampleGrids(), profile, { sheet: ENTRY_SHEET });
  if (!rec.ok) throw new Error("sample");
  const set = { profile, indicators: rec.value.indicators };
  const read = readInput(sampleGrids(), { set, sheet: ENTRY_SHEET });
  if (!read.ok) throw new Error("sample read");
  return { set, input: read.value, issues: checkInput(read.value) };
}

describe("entryProgress on the sample", () => {
  const { set, input, issues } = sample();
  const progress = entryProgress(set, input.data, issues, [
    { unitName: "sở tài chính", fileName: "Sở Tài chính.xlsx" },
  ]);
  const of = (name: string) => {
    const p = progress.find((u) => u.unitName === name);
    if (!p) throw new Error(name);
    return p;
  };

  it("lists every unit in the units' order, with its group", () => {
    expect(progress.map((p) => p.unitName)).toEqual(SAMPLE_UNITS.map((u) => u.name));
    expect(of("UBND huyện K").groupId).not.toBeNull();
  });

  it("counts the 20 components, less those a special rule covers for the unit", () => {
    expect(of("Sở Tài chính").toEnter).toBe(20);
    // No subordinate units: component 4.3 is scored by the peer-maximum rule, nothing to enter.
    expect(of("Sở Kế hoạch và Đầu tư").toEnter).toBe(19);
  });

  it("a blank score is not entered; districts are not appraised yet", () => {
    const g = of(SAMPLE_PROBLEMS.blank.unit);
    expect(g.entered).toBe(g.toEnter - 1);
    expect(g.appraised).toBe(0);
    const tc = of("Sở Tài chính");
    expect([tc.entered, tc.appraised]).toEqual([20, 20]);
  });

  it("missing evidence and errors are the check's own counts", () => {
    const noEvidence = of(SAMPLE_PROBLEMS.noEvidence.unit);
    const unitId = noEvidence.unitId;
    expect(noEvidence.missingEvidence).toBe(
      issues.filter((i) => i.code === "missing_evidence" && i.unit === unitId).length
    );
    expect(noEvidence.missingEvidence).toBeGreaterThan(0);
    expect(of(SAMPLE_PROBLEMS.aboveMax.unit).errors).toBeGreaterThan(0);
    expect(of("Sở Tài chính").errors).toBe(0);
  });

  it("names the file an agency's form was imported from (names matched as the units sheet)", () => {
    expect(of("Sở Tài chính").formFile).toBe("Sở Tài chính.xlsx");
    expect(of("Sở Nội vụ").formFile).toBeNull();
  });

  it("points at the unit's column in the entry matrix", () => {
    expect(of("Sở Thông tin và Truyền thông").cell).toEqual({ sheet: ENTRY_SHEET, cell: "F4" });
  });
});
