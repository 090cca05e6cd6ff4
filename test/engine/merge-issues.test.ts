/**
 * The one dedupe policy (src/engine/pipeline.ts mergeIssues): the reader's issues first, then
 * validation's that are not already there, in order; only repeats are dropped.
 */
import { mergeIssues, type Issue } from "../../src/engine";

const at = (code: Issue["code"], cell: string, unit = "u1"): Issue =>
  ({ code, severity: "error", cell: { sheet: "Nhập điểm", cell }, unit, params: {} }) as Issue;

describe("mergeIssues", () => {
  it("keeps validation's issues in order when none repeats the reader's", () => {
    const first = [at("not_a_number", "F7")];
    const more = [at("score_blank", "F8"), at("not_a_number", "F9"), at("score_blank", "F8")];
    expect(mergeIssues(first, more)).toEqual([...first, ...more]);
  });

  it("drops a repeat of the reader's issue and a repeat within validation's, keeps the rest", () => {
    const first = [at("not_a_number", "F7")];
    const more = [
      at("not_a_number", "F7"),
      at("score_blank", "F8"),
      at("not_a_number", "G7"),
      at("not_a_number", "G7"),
      at("not_a_number", "F7", "u2"),
    ];
    expect(mergeIssues(first, more)).toEqual([
      first[0],
      at("score_blank", "F8"),
      at("not_a_number", "G7"),
      at("not_a_number", "F7", "u2"),
    ]);
  });

  it("one groups_not_inferred stands for every unit_without_group", () => {
    const first = [at("groups_not_inferred", "A1")];
    expect(mergeIssues(first, [at("unit_without_group", "F4"), at("score_blank", "F8")])).toEqual([
      first[0],
      at("score_blank", "F8"),
    ]);
  });
});
