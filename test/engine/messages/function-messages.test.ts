/** The DTI.* error catalogue: every code in both languages, with its params, never "undefined". */
import { fnMessagesEn, fnMessagesVi, fnText } from "../../../src/engine/messages";
import type { FnMessageCode } from "../../../src/engine/messages";

const PARAMS = {
  id: "GRADE",
  n: 3,
  arg: "points",
  cell: 3,
  text: "1.000",
  first: 1000,
  second: 1,
  value: 8.5,
  max: 10,
  a: "allPoints",
  na: 4,
  b: "groups",
  nb: 5,
  ids: "sonla-2024, laocai-2022",
  row: 2,
  policy: "odd",
  step: 2,
};

test("the vi and en catalogues have the same codes", () => {
  expect(Object.keys(fnMessagesEn).sort()).toEqual(Object.keys(fnMessagesVi).sort());
  expect(Object.keys(fnMessagesVi).length).toBeGreaterThanOrEqual(34);
});

test.each(Object.keys(fnMessagesVi) as FnMessageCode[])("%s reads in both languages", (code) => {
  const vi = fnText(code, PARAMS, "vi");
  const en = fnText(code, PARAMS, "en");
  for (const t of [vi, en]) {
    expect(t.length).toBeGreaterThan(8);
    expect(t).not.toMatch(/undefined|null|\[object/);
  }
  expect(vi).not.toEqual(en);
});

test("numbers use each language's decimal mark", () => {
  expect(fnText("fn_points_negative", { value: -8.5 }, "vi")).toContain("-8,5");
  expect(fnText("fn_points_negative", { value: -8.5 }, "en")).toContain("-8.5");
});
