/**
 * Blank cells as each Excel host hands them to an `any` parameter: Excel on the web (and current
 * desktop builds) pass null, in scalars and inside ranges; some pass "" or leave an optional
 * argument undefined. Every form means "not entered": GRADE gives "", CHECK says "chưa nhập",
 * RANK and TABLE do not rank it. Older desktop builds pass 0, which no function can tell from a
 * typed 0 (https://github.com/OfficeDev/office-js/issues/4702, #5262): the README gives the
 * ISBLANK guard for those, and the add-in's own sheets use native twins that test `=""`.
 */
import { grade, check, rank, table, percent, proportional } from "../../src/functions/functions";

const BLANKS: readonly [string, unknown][] = [
  ["null (Excel on the web, current desktop)", null],
  ['"" (empty text)', ""],
  ["undefined", undefined],
];

describe.each(BLANKS)("a blank passed as %s", (_, blank) => {
  test("DTI.GRADE and DTI.PERCENT give an empty result", () => {
    expect(grade(blank, 100)).toBe("");
    expect(grade(blank)).toBe("");
    expect(percent(blank, 100)).toBe("");
  });
  test("DTI.CHECK says the score is not entered", () => {
    expect(check(blank, 10)).toMatch(/^Chưa nhập điểm/);
  });
  test("DTI.RANK: a blank unit gets no rank, and blanks in the range are not ranked", () => {
    const all = [[90], [blank], [80], [blank]];
    expect(rank(blank, all)).toBe("");
    expect(rank(80, all)).toBe(2);
    expect(rank(80, all, undefined, undefined, "dense")).toBe(2);
  });
  test("DTI.TABLE lists a blank unit last, unranked", () => {
    const t = table([["A"], ["B"], ["C"]], [[70], [blank], [90]]);
    expect(t.map((r) => r[0])).toEqual(["Hạng", 1, 2, ""]);
    expect(t[3]!.slice(1, 3)).toEqual(["B", ""]);
  });
  test("DTI.PROPORTIONAL waits while a component is blank", () => {
    expect(proportional([[5], [blank]], [[10], [10]], 20)).toBe("");
  });
});

test("0 is a score, not a blank (so a host passing 0 for a blank needs the README's guard)", () => {
  expect(grade(0, 100)).toBe("Yếu");
  expect(check(0, 10)).toBe("");
  expect(rank(0, [[90], [0]])).toBe(2);
});
