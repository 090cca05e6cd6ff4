import type { Issue } from "../../src/engine";

describe("model", () => {
  it("issues are plain data", () => {
    const issue: Issue = {
      code: "score_above_max",
      severity: "error",
      cell: { sheet: "S", cell: "F3" },
      params: { value: 12, max: 10 },
    };
    expect(JSON.parse(JSON.stringify(issue))).toEqual(issue);
  });
});
