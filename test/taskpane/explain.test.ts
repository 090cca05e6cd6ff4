/** "Explain this number" on the sample: a score cell and a ranking row, from the engine's Derivation. */
import { getProfile, plan as planRanking, sampleGrids } from "../../src/engine";
import { explainCell } from "../../src/taskpane/controller/explain";

const plan = planRanking(null, sampleGrids(), {
  profile: getProfile("sample"),
  sheet: "Nhập điểm",
});
if (!plan.ok) throw new Error("sample not recognised");
const ev = { set: plan.value.set, data: plan.value.data, ranking: plan.value.ranking };

describe("explainCell", () => {
  it("explains an appraised score cell: unit, indicator, points out of max, rule and source", () => {
    const entry = ev.data.entries.find((e) => e.code === "1.1" && e.appraised?.cell)!;
    const v = explainCell(ev, entry.appraised!.cell!, "vi")!;
    const unit = ev.data.units.find((u) => u.id === entry.unitId)!;
    expect(v.unit).toBe(unit.name);
    expect(v.indicator).toMatch(/^1\.1 /);
    expect(v.points).toBe(`${String(entry.appraised!.points).replace(".", ",")} trên tối đa 5`);
    expect(v.method).toBe("Điểm thẩm định đã nhập");
    expect(v.source).toContain("1287/QĐ-UBND");
  });

  it("explains a unit's row on a ranking sheet: total, share, grade and rank", () => {
    const u = ev.ranking.groups[0]!.units[0]!;
    const v = explainCell(ev, { sheet: "XH - Sở", cell: "B5" }, "en", ["1", u.unitName])!;
    expect(v.unit).toBe(u.unitName);
    expect(v.inputs.find((i) => i.label === "Rank in group")?.value).toBe(String(u.rank));
    expect(v.inputs.find((i) => i.label === "Grade")?.value).toBe(
      u.grade.kind === "band" ? u.grade.labelEn : "—"
    );
  });

  it("says nothing for a cell that is neither a score nor a result", () => {
    expect(explainCell(ev, { sheet: "Nhập điểm", cell: "B2" }, "vi")).toBeNull();
  });
});
