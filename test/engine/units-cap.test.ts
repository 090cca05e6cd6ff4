/**
 * Issue 12 (every input under 1 GB): a table with more units than MAX_UNITS (20,000; the country
 * has 3,321 communes) is refused after it is read, before it is scored, ranked or printed, with a
 * vi/en message that says how many units and what to do.
 */
import { formatIssue, getProfile, type Grid } from "../../src/engine";
import { readInput } from "../../src/engine/pipeline";

/** The limit the README states (src/engine/pipeline.ts MAX_UNITS). */
const MAX_UNITS = 20_000;

/** A result table as provinces publish it: a title, a header, one row per unit. */
function summary(units: number): Grid {
  const values: (string | number | null)[][] = [
    ["KẾT QUẢ CHẤM ĐIỂM DTI", null, null, null],
    ["STT", "Tên đơn vị", "1. Nhận thức số (40)", "2. Hạ tầng số (60)"],
  ];
  for (let i = 1; i <= units; i++) values.push([i, `Xã ${i}`, (i * 7) % 40, (i * 13) % 60]);
  return { sheet: "Kết quả", originRow: 1, originCol: 1, values };
}

describe("units cap", () => {
  const profile = getProfile("generic");

  it("refuses a table over the cap, saying so in Vietnamese and English", () => {
    const r = readInput([summary(MAX_UNITS + 1)], { set: null, profile });
    expect(r.ok).toBe(false);
    const issue = r.issues.find((i) => i.code === "too_many_units");
    expect(issue).toMatchObject({
      severity: "error",
      params: { count: MAX_UNITS + 1, limit: MAX_UNITS },
    });
    expect(formatIssue(issue!, "vi")).toContain(`${MAX_UNITS + 1} đơn vị`);
    expect(formatIssue(issue!, "en")).toContain("split it into several files");
  });

  it("reads a table at the cap", () => {
    const r = readInput([summary(MAX_UNITS)], { set: null, profile });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.data.units.length).toBe(MAX_UNITS);
  });
});
