import { formatIssue, issueText, messagesEn, messagesVi } from "../../../src/engine/messages";
import { untypedIssue, type Issue, type IssueCode } from "../../../src/engine/model/types";
import { makeIssue } from "../../../src/engine/recognize/cells";

const CODES = Object.keys(messagesVi) as IssueCode[];

/** Every param any message reads, so no text shows an empty hole. */
const PARAMS = {
  unitName: "Sở Tài chính",
  indicator: "1.2",
  text: "8,5",
  value: 8.5,
  max: 10,
  first: 1000,
  second: 1,
  entered: 90,
  sum: 80,
  firstCell: "'Nhập điểm'!A7",
  self: 7,
  appraised: 8,
  groups: "Sở, ban, ngành; UBND cấp huyện",
  group: "Khối xã",
  sheet: "Nhập điểm",
  header: "Điểm tối đa",
  points: 198.5,
  below: "Khởi động",
  above: "Hình thành",
  expected: 100,
  what: "1",
  count: 2,
  profile: "national-922",
};

describe("message catalogues", () => {
  it("Vietnamese and English cover the same codes", () => {
    expect(Object.keys(messagesEn).sort()).toEqual([...CODES].sort());
  });

  it.each(CODES)("%s: says what is wrong and how to fix it, in both languages", (code) => {
    // Every param any code reads, for every code: wider than each code's own (ParamsOf), on purpose.
    const issue = {
      code,
      severity: "error",
      cell: { sheet: "Nhập điểm", cell: "F12" },
      indicator: "1.2",
      params: PARAMS,
    } as Issue;
    const vi = issueText(issue, "vi");
    const en = issueText(issue, "en");
    for (const t of [vi, en]) {
      expect(t.length).toBeGreaterThan(30);
      expect(t).not.toMatch(/undefined|null|NaN|\[object/);
    }
    expect(vi).not.toEqual(en);
    // Vietnamese first: the vi text is in Vietnamese (has Vietnamese letters).
    expect(vi).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵđêềếểễệôồốổỗộơờớởỡợưừứửữựịỉĩìíọỏõòóụủũùúỳýỷỹỵ]/i);
  });

  it("missing params never print 'undefined'", () => {
    for (const code of CODES) {
      const t = issueText(untypedIssue(code, {}), "vi") + issueText(untypedIssue(code, {}), "en");
      expect(t).not.toMatch(/undefined|null|NaN/);
    }
  });

  it("formatIssue prefixes where: sheet (quoted when needed) and cell", () => {
    const issue: Issue = {
      code: "score_above_max",
      severity: "error",
      cell: { sheet: "Nhập điểm", cell: "F12" },
      unit: "so-tc",
      indicator: "1.2",
      params: { unitName: "Sở Tài chính", value: 85, max: 10 },
    };
    expect(formatIssue(issue, "vi")).toBe(
      "'Nhập điểm'!F12: Điểm 85 vượt điểm tối đa 10 (đơn vị \"Sở Tài chính\", chỉ số 1.2). Hãy nhập một số từ 0 đến 10 (có thể gõ nhầm dấu thập phân)."
    );
    expect(formatIssue(issue, "en")).toBe(
      "'Nhập điểm'!F12: The score 85 is above the maximum 10 (unit \"Sở Tài chính\", indicator 1.2). Enter a number from 0 to 10 (a misplaced decimal mark is a common cause)."
    );
    expect(formatIssue({ ...issue, cell: { sheet: "Data", cell: "B3" } }, "en")).toMatch(
      /^Data!B3: /
    );
    expect(
      formatIssue({ code: "no_indicator_set", severity: "error", params: {} }, "en")
    ).not.toMatch(/^.*!.*: /);
  });

  it("numbers use the locale's decimal mark", () => {
    const issue: Issue = {
      code: "vn_number_parsed",
      severity: "warning",
      params: { text: "8,5", value: 8.5 },
    };
    expect(issueText(issue, "vi")).toMatch(/đã hiểu là 8,5/);
    expect(issueText(issue, "en")).toMatch(/read as 8\.5/);
  });
});

describe("issue params are typed by code (ParamsOf)", () => {
  it("a missing or misnamed param is a type error (checked by the typecheck of this file)", () => {
    const ok: Issue = {
      code: "score_above_max",
      severity: "error",
      params: { value: 12, max: 10, unitName: "Sở A" },
    };
    const misnamed: Issue = {
      code: "score_above_max",
      severity: "error",
      // @ts-expect-error: score_above_max carries "value", not "points"
      params: { points: 12, max: 10 },
    };
    // @ts-expect-error: "max" is missing
    const missing = makeIssue("score_above_max", "error", undefined, { value: 12 });
    expect([ok, misnamed, missing].map((i) => i.code)).toEqual([
      "score_above_max",
      "score_above_max",
      "score_above_max",
    ]);
    expect(issueText(ok, "en")).toContain("above the maximum 10");
  });
});
