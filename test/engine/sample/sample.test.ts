import { evaluate, indicatorSetFromRecognized } from "../../../src/engine/evaluate";
import { getProfile } from "../../../src/engine/profiles";
import { recognize } from "../../../src/engine/recognize";
import { SAMPLE_PROBLEMS, SAMPLE_PROFILE_ID, sampleGrids } from "../../../src/engine/sample";

describe("the embedded sample", () => {
  const profile = getProfile(SAMPLE_PROFILE_ID);
  const rec = recognize(sampleGrids(), profile);
  if (!rec.ok) throw new Error("sample not recognised");
  const set = indicatorSetFromRecognized(profile, rec.value);
  const ranking = evaluate(set, rec.value);

  it("is deterministic and clearly labelled illustrative", () => {
    expect(sampleGrids()).toEqual(sampleGrids());
    const title = JSON.stringify(sampleGrids()[0]?.values.slice(0, 2));
    expect(title).toContain("minh hoạ");
    expect(title).toContain("không phải bộ chỉ số chính thức");
    expect(profile.nameEn).toMatch(/illustrative/i);
  });

  it("is the DTI entry workbook: 6 main indices, 20 components, 100 points, 20 units in 2 groups", () => {
    expect(rec.value.layout).toBe("matrix");
    const mains = rec.value.indicators.filter((i) => i.level === "main");
    expect(mains).toHaveLength(6);
    expect(rec.value.indicators.filter((i) => i.level === "component")).toHaveLength(20);
    expect(mains.reduce((s, m) => s + (m.maxPoints ?? 0), 0)).toBe(100);
    expect(rec.value.units).toHaveLength(20);
    expect(ranking.groups.map((g) => [g.groupId, g.units.length])).toEqual([
      ["agencies", 12],
      ["districts", 8],
    ]);
  });

  it("spreads the units over every grade band", () => {
    const labels = new Set(
      ranking.groups.flatMap((g) =>
        g.units.map((u) => (u.grade.kind === "band" ? u.grade.label : "?"))
      )
    );
    expect([...labels].sort()).toEqual(["Khá", "Trung bình", "Tốt", "Yếu"]);
  });

  it("holds the planted problems, each found at its cell", () => {
    const found = [...rec.issues, ...ranking.issues].map(
      (i) => `${i.code} ${i.unit} ${i.indicator}`
    );
    const p = SAMPLE_PROBLEMS;
    expect(found).toContain(`score_above_max ${p.aboveMax.unit} ${p.aboveMax.code}`);
    expect(found).toContain(`vn_number_parsed ${p.textNumber.unit} ${p.textNumber.code}`);
    expect(found).toContain(`score_blank ${p.blank.unit} ${p.blank.code}`);
    expect(found).toContain(`missing_evidence ${p.noEvidence.unit} ${p.noEvidence.code}`);
  });

  it("marks 4.3 'Đơn vị trực thuộc' and 6.3 'DVCTT' so Sơn La rules 1 and 2 score them", () => {
    const concerns = Object.fromEntries(
      rec.value.indicators.filter((i) => i.concerns !== undefined).map((i) => [i.code, i.concerns])
    );
    expect(concerns).toEqual({ "4.3": "subordinate-units", "6.3": "dvctt" });
    const all = ranking.groups.flatMap((g) => g.units);
    const unit = (name: string) => all.find((u) => u.unitName === name);
    // Sở Xây dựng has no subordinate units: 4.3 is the best agency's score on it.
    const xd = unit("Sở Xây dựng")?.components["4.3"];
    expect(xd?.how.rule).toBe("peer-max");
    const best = Math.max(
      ...all.map((u) =>
        u.components["4.3"]?.how.rule === "entered" ? (u.components["4.3"]?.points ?? 0) : 0
      )
    );
    expect(xd?.points).toBe(best);
    // Thanh tra tỉnh has no DVCTT: 6.3 is proportional to its other components.
    const tt = unit("Thanh tra tỉnh")?.components["6.3"];
    expect(tt?.how.rule).toBe("proportional");
    if (tt?.how.rule !== "proportional") throw new Error("not proportional");
    expect(tt.points).toBeCloseTo((tt.how.actualPoints / tt.how.maxPoints) * 5, 6);
    // Units with subordinate units and DVCTT keep their entered scores.
    expect(unit("Sở Tài chính")?.components["4.3"]?.how.rule).toBe("entered");
    expect(unit("Sở Tài chính")?.components["6.3"]?.how.rule).toBe("entered");
    // Left blank because a rule scores them: no "blank score" issue there.
    const blanks = [...rec.issues, ...ranking.issues].filter(
      (i) => i.code === "score_blank" && ["4.3", "6.3"].includes(i.indicator ?? "")
    );
    expect(blanks).toEqual([]);
  });
});
