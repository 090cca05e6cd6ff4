/**
 * Table-driven: every workbook of the fixture corpus gives its expected groups, ranks, grades and
 * percent, and exactly its expected errors. A workbook that needs a manual layout override is
 * refused (with the expected reason) without it, and correct with it.
 */
import { differences, loadFixtures, runFixture } from "./corpus";

const fixtures = loadFixtures();

describe("fixture corpus: workbooks as provinces publish them", () => {
  it("holds at least 30 workbooks", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
  });

  it.each(fixtures.map((f) => [f.id, f] as const))("%s", async (_id, f) => {
    const plain = await runFixture(f, false);
    expect(differences(f, plain, false)).toEqual([]);
    if (f.overrides !== undefined) {
      const fixed = await runFixture(f, true);
      expect(differences(f, fixed, true)).toEqual([]);
    }
  });
});
