/** "Explain this number" on the sample: a score cell and a ranking row, from the engine's Derivation. */
import { getProfile, plan as planRanking, sampleGrids } from "../../src/engine";
import { confirmIndicatorSet, loadIndicatorSet } from "../../src/app/load-indicator-set";
import { writeSampleWorkbook } from "../../src/app/sample-workbook";
import { explainCell } from "../../src/taskpane/controller/explain";
import { createPaneServices } from "../../src/taskpane/controller/services";
import { MemoryWorkbook } from "../../src/workbook/memory/memory-workbook";

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

describe("explainCell on the entry workbook the add-in wrote (cells read by position)", () => {
  async function sampleServices(confirm: boolean) {
    const wb = new MemoryWorkbook();
    await writeSampleWorkbook(wb);
    wb.activate("Nhập điểm");
    if (confirm) {
      const loaded = await loadIndicatorSet(wb, { mode: "active-sheet", profileId: "sample" });
      if (!loaded.ok) throw new Error("sample set not loaded");
      await confirmIndicatorSet(wb, loaded.value);
    }
    return { wb, services: createPaneServices(wb) };
  }

  it("explains self and appraised scores, a main index's sum and a unit's header", async () => {
    const { wb, services } = await sampleServices(true);
    wb.set("Nhập điểm", "I7", "4,5"); // the second unit's self score on 1.1, typed as text
    const ev = (await services.evaluateNow())!;
    expect(ev.entry).not.toBeNull();
    const first = ev.data.units[0]!.name;
    const second = ev.data.units[1]!.name;

    const self = explainCell(ev, { sheet: "Nhập điểm", cell: "I7" }, "en")!;
    expect(self.unit).toBe(second);
    expect(self.indicator).toMatch(/^1\.1 /);
    expect(self.inputs[0]).toEqual({ label: "Value in the cell", value: "4,5" });

    const appraised = explainCell(ev, { sheet: "Nhập điểm", cell: "G8" }, "vi")!;
    expect(appraised).toMatchObject({ unit: first, method: "Điểm thẩm định đã nhập" });
    expect(appraised.indicator).toMatch(/^1\.2 /);

    // Row 6 is main index 1: a SUM of its components, nothing typed there.
    const main = explainCell(ev, { sheet: "Nhập điểm", cell: "F6" }, "en")!;
    expect(main.indicator).toMatch(/^1 /);
    expect(main.method).toBe("Sum of the components");
    expect(main.inputs.some((i) => i.label === "Value in the cell")).toBe(false);

    // A unit's header: its total, grade and rank.
    const header = explainCell(ev, { sheet: "Nhập điểm", cell: "I4" }, "en")!;
    expect(header.unit).toBe(second);
    expect(header.indicator).toBeNull();
    expect(header.inputs.map((i) => i.label)).toContain("Rank in group");
  });

  it("says nothing for evidence, declaration and out-of-table cells", async () => {
    const { services } = await sampleServices(true);
    const ev = (await services.evaluateNow())!;
    for (const cell of ["H7", "C7", "A1", "ZZ7", "F200"])
      expect(explainCell(ev, { sheet: "Nhập điểm", cell }, "vi")).toBeNull();
  });

  it("explains nothing without a confirmed set (no set derived from a profile)", async () => {
    const { services } = await sampleServices(false);
    expect(await services.evaluateNow()).toBeNull();
  });
});
