/**
 * The embedded sample: an ILLUSTRATIVE indicator set (not an official one) and 20 invented agencies
 * in the two groups of the "sample" profile (Sơn La 2024 rules), in the DTI entry workbook format.
 * Scores are deterministic pseudo-random numbers spread over all grade bands, with a few realistic
 * problems to find: a score above its max, "8,5" typed as text, a blank score, a score without evidence.
 * Component 4.3 is marked "Đơn vị trực thuộc" and 6.3 "DVCTT" (column E "Liên quan"): the units
 * without subordinate units / without DVCTT leave them blank and Sơn La rules 1 and 2 score them.
 */
import { a1, columnLetters } from "../address";
import type { CellValue, Concern, Grid } from "../model/types";
import { CONCERN_LABEL, ENTRY_FIRST_UNIT_COL, ENTRY_HEADERS, UNITS_HEADERS } from "../entry";

export const SAMPLE_PROFILE_ID = "sample";
export const SAMPLE_TITLE =
  "Bộ chỉ số minh hoạ (không phải bộ chỉ số chính thức) / Illustrative indicator set (not official)";

interface SampleIndicator {
  readonly code: string;
  readonly name: string;
  readonly maxPoints: number;
  /** Sơn La rules 1 and 2: the component concerns subordinate units / online public services. */
  readonly concerns?: Concern;
}

/** 6 main indices, 20 components, 100 points. Names are typical of provincial DTI sets; the figures are invented. */
export const SAMPLE_INDICATORS: readonly SampleIndicator[] = [
  { code: "1", name: "Nhận thức số", maxPoints: 15 },
  { code: "1.1", name: "Người đứng đầu trực tiếp chỉ đạo chuyển đổi số", maxPoints: 5 },
  { code: "1.2", name: "Tuyên truyền, phổ biến về chuyển đổi số", maxPoints: 5 },
  { code: "1.3", name: "Hội nghị, hội thảo, tập huấn về chuyển đổi số", maxPoints: 5 },
  { code: "2", name: "Thể chế số", maxPoints: 15 },
  { code: "2.1", name: "Kế hoạch chuyển đổi số năm được ban hành", maxPoints: 5 },
  { code: "2.2", name: "Quy chế quản lý, vận hành hệ thống thông tin", maxPoints: 4 },
  { code: "2.3", name: "Kinh phí chi cho chuyển đổi số", maxPoints: 3 },
  { code: "2.4", name: "Cơ chế khuyến khích, thu hút nhân lực số", maxPoints: 3 },
  { code: "3", name: "Hạ tầng số", maxPoints: 15 },
  { code: "3.1", name: "Tỷ lệ máy tính kết nối mạng nội bộ và Internet", maxPoints: 5 },
  { code: "3.2", name: "Kết nối mạng truyền số liệu chuyên dùng", maxPoints: 5 },
  { code: "3.3", name: "Hệ thống hội nghị truyền hình trực tuyến", maxPoints: 5 },
  { code: "4", name: "Nhân lực số", maxPoints: 15 },
  { code: "4.1", name: "Cán bộ chuyên trách công nghệ thông tin", maxPoints: 5 },
  { code: "4.2", name: "Tỷ lệ cán bộ, công chức được tập huấn kỹ năng số", maxPoints: 5 },
  {
    code: "4.3",
    name: "Đơn vị trực thuộc có cán bộ phụ trách chuyển đổi số",
    maxPoints: 5,
    concerns: "subordinate-units",
  },
  { code: "5", name: "An toàn thông tin mạng", maxPoints: 15 },
  { code: "5.1", name: "Hệ thống thông tin được phê duyệt cấp độ an toàn", maxPoints: 5 },
  { code: "5.2", name: "Giám sát, bảo đảm an toàn thông tin theo mô hình 4 lớp", maxPoints: 5 },
  { code: "5.3", name: "Diễn tập, ứng cứu sự cố an toàn thông tin", maxPoints: 5 },
  { code: "6", name: "Hoạt động chuyển đổi số", maxPoints: 25 },
  { code: "6.1", name: "Văn bản đi được ký số và gửi trên môi trường mạng", maxPoints: 10 },
  { code: "6.2", name: "Hồ sơ công việc được xử lý trên môi trường mạng", maxPoints: 5 },
  { code: "6.3", name: "Dịch vụ công trực tuyến toàn trình", maxPoints: 5, concerns: "dvctt" },
  { code: "6.4", name: "Báo cáo qua Hệ thống thông tin báo cáo", maxPoints: 5 },
];

interface SampleUnit {
  readonly name: string;
  readonly group: string;
  /** Level the unit scores around, as a share of each max: spreads the units over all grade bands. */
  readonly level: number;
  readonly subordinates: boolean;
  readonly dvctt: boolean;
  readonly special: boolean;
}

const AGENCIES = "Sở, ban, ngành";
const DISTRICTS = "UBND huyện, thành phố";

/** Invented units: provincial department names every province has, districts named by letter. */
export const SAMPLE_UNITS: readonly SampleUnit[] = [
  {
    name: "Sở Thông tin và Truyền thông",
    group: AGENCIES,
    level: 0.95,
    subordinates: true,
    dvctt: true,
    special: false,
  },
  {
    name: "Sở Tài chính",
    group: AGENCIES,
    level: 0.9,
    subordinates: true,
    dvctt: true,
    special: false,
  },
  {
    name: "Sở Kế hoạch và Đầu tư",
    group: AGENCIES,
    level: 0.86,
    subordinates: false,
    dvctt: true,
    special: false,
  },
  {
    name: "Sở Nội vụ",
    group: AGENCIES,
    level: 0.8,
    subordinates: true,
    dvctt: true,
    special: false,
  },
  {
    name: "Sở Tư pháp",
    group: AGENCIES,
    level: 0.76,
    subordinates: true,
    dvctt: true,
    special: false,
  },
  {
    name: "Sở Y tế",
    group: AGENCIES,
    level: 0.72,
    subordinates: true,
    dvctt: true,
    special: false,
  },
  {
    name: "Sở Giáo dục và Đào tạo",
    group: AGENCIES,
    level: 0.66,
    subordinates: true,
    dvctt: true,
    special: false,
  },
  {
    name: "Sở Xây dựng",
    group: AGENCIES,
    level: 0.6,
    subordinates: false,
    dvctt: true,
    special: false,
  },
  {
    name: "Sở Công Thương",
    group: AGENCIES,
    level: 0.55,
    subordinates: true,
    dvctt: true,
    special: false,
  },
  {
    name: "Sở Tài nguyên và Môi trường",
    group: AGENCIES,
    level: 0.5,
    subordinates: true,
    dvctt: true,
    special: false,
  },
  {
    name: "Ban Dân tộc",
    group: AGENCIES,
    level: 0.44,
    subordinates: false,
    dvctt: false,
    special: true,
  },
  {
    name: "Thanh tra tỉnh",
    group: AGENCIES,
    level: 0.36,
    subordinates: false,
    dvctt: false,
    special: false,
  },
  {
    name: "UBND thành phố A",
    group: DISTRICTS,
    level: 0.93,
    subordinates: true,
    dvctt: true,
    special: false,
  },
  {
    name: "UBND huyện B",
    group: DISTRICTS,
    level: 0.84,
    subordinates: true,
    dvctt: true,
    special: false,
  },
  {
    name: "UBND huyện C",
    group: DISTRICTS,
    level: 0.78,
    subordinates: true,
    dvctt: true,
    special: false,
  },
  {
    name: "UBND huyện D",
    group: DISTRICTS,
    level: 0.7,
    subordinates: true,
    dvctt: true,
    special: false,
  },
  {
    name: "UBND huyện E",
    group: DISTRICTS,
    level: 0.63,
    subordinates: true,
    dvctt: true,
    special: false,
  },
  {
    name: "UBND huyện G",
    group: DISTRICTS,
    level: 0.56,
    subordinates: true,
    dvctt: true,
    special: false,
  },
  {
    name: "UBND huyện H",
    group: DISTRICTS,
    level: 0.47,
    subordinates: true,
    dvctt: true,
    special: false,
  },
  {
    name: "UBND huyện K",
    group: DISTRICTS,
    level: 0.38,
    subordinates: true,
    dvctt: true,
    special: false,
  },
];

/** The planted problems, by unit and code (for the demo's explanation and the tests). */
export const SAMPLE_PROBLEMS = {
  aboveMax: { unit: "UBND huyện D", code: "5.2", self: 6 },
  textNumber: { unit: "UBND huyện C", code: "6.1", self: "8,5" },
  blank: { unit: "UBND huyện G", code: "3.2" },
  noEvidence: { unit: "Sở Xây dựng", code: "2.1" },
} as const;

/** mulberry32: a small deterministic generator, so the sample is the same on every run. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DOCS = ["QĐ", "KH", "BC", "CV", "TB"];

function isMain(code: string): boolean {
  return !code.includes(".");
}

/** The sample workbook's sheets: "Nhập điểm" (matrix, 3 columns per unit) and "Đơn vị". */
export function sampleGrids(): Grid[] {
  const rnd = generator(20241287);
  const components = SAMPLE_INDICATORS.filter((i) => !isMain(i.code));
  // Scores: self near the unit's level (steps of 0.5), appraised equal or a little lower.
  const self = new Map<string, CellValue>();
  const appraised = new Map<string, CellValue>();
  const evidence = new Map<string, string>();
  const key = (u: string, c: string): string => `${u}\u0000${c}`;
  SAMPLE_UNITS.forEach((u, ui) => {
    for (const ind of components) {
      const noisy = u.level + (rnd() - 0.5) * 0.3;
      const s = Math.max(0, Math.min(ind.maxPoints, Math.round(noisy * ind.maxPoints * 2) / 2));
      const cut = rnd() < 0.3 ? 0.5 : 0;
      // Nothing to score: a unit without subordinate units / without DVCTT leaves these blank, and
      // Sơn La rules 1 and 2 score them (peer maximum / proportional score). The draws above still
      // happen, so every other score is what it always was.
      const ruled =
        (ind.concerns === "subordinate-units" && !u.subordinates) ||
        (ind.concerns === "dvctt" && !u.dvctt);
      if (ruled) {
        if (s > 0) for (let k = 0; k < 3; k++) rnd();
        continue;
      }
      self.set(key(u.name, ind.code), s);
      // Districts are not yet appraised in the sample: their self scores count.
      if (u.group === AGENCIES) appraised.set(key(u.name, ind.code), Math.max(0, s - cut));
      if (s > 0) {
        const doc = DOCS[Math.floor(rnd() * DOCS.length)] ?? "QĐ";
        const no = 10 + Math.floor(rnd() * 890);
        const month = 1 + Math.floor(rnd() * 12);
        evidence.set(key(u.name, ind.code), `${doc} số ${no}/${doc}-${ui + 1} ngày ${month}/2024`);
      }
    }
  });
  const p = SAMPLE_PROBLEMS;
  self.set(key(p.aboveMax.unit, p.aboveMax.code), p.aboveMax.self);
  self.set(key(p.textNumber.unit, p.textNumber.code), p.textNumber.self);
  self.delete(key(p.blank.unit, p.blank.code));
  evidence.delete(key(p.blank.unit, p.blank.code));
  evidence.delete(key(p.noEvidence.unit, p.noEvidence.code));

  const firstUnitCol = ENTRY_FIRST_UNIT_COL;
  const width = firstUnitCol - 1 + SAMPLE_UNITS.length * 3;
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  const row = (): [CellValue[], (string | null)[]] => {
    const v = new Array<CellValue>(width).fill(null);
    const f = new Array<string | null>(width).fill(null);
    values.push(v);
    formulas.push(f);
    return [v, f];
  };
  row()[0][0] = "NHẬP ĐIỂM ĐÁNH GIÁ CHỈ SỐ CHUYỂN ĐỔI SỐ (DTI): DỮ LIỆU MINH HOẠ";
  row()[0][0] = `${SAMPLE_TITLE} · quy tắc Sơn La 2024 (1287/QĐ-UBND) · 100 điểm`;
  row();
  const [header] = row();
  const [sub] = row();
  ENTRY_HEADERS.forEach((h, i) => (header[i] = h));
  const merges: string[] = [];
  SAMPLE_UNITS.forEach((u, ui) => {
    const c = firstUnitCol + ui * 3;
    header[c - 1] = u.name;
    sub[c - 1] = "Tự đánh giá";
    sub[c] = "Thẩm định";
    sub[c + 1] = "Tài liệu kiểm chứng";
    merges.push(`${a1(4, c)}:${a1(4, c + 2)}`);
  });
  const firstRow = 6;
  const rowOf = new Map(SAMPLE_INDICATORS.map((ind, i) => [ind.code, firstRow + i]));
  for (const ind of SAMPLE_INDICATORS) {
    const [v, f] = row();
    v[0] = ind.code;
    v[1] = ind.name;
    v[2] = ind.maxPoints;
    v[3] = isMain(ind.code) ? "Chỉ số chính" : "Chỉ số thành phần";
    if (ind.concerns !== undefined) v[4] = CONCERN_LABEL[ind.concerns];
    const kids = components.filter((k) => k.code.startsWith(`${ind.code}.`));
    SAMPLE_UNITS.forEach((u, ui) => {
      const c = firstUnitCol + ui * 3;
      if (isMain(ind.code)) {
        // A SUM over the component rows, with its result as Excel would show it (text is ignored).
        const rows = kids.map((k) => rowOf.get(k.code) ?? 0);
        const from = Math.min(...rows);
        const to = Math.max(...rows);
        for (const [off, source] of [
          [0, self],
          [1, appraised],
        ] as const) {
          const letter = columnLetters(c + off);
          f[c - 1 + off] = `=SUM(${letter}${from}:${letter}${to})`;
          let sum = 0;
          for (const k of kids) {
            const x = source.get(key(u.name, k.code));
            if (typeof x === "number") sum += x;
          }
          v[c - 1 + off] = Math.round(sum * 100) / 100;
        }
        return;
      }
      v[c - 1] = self.get(key(u.name, ind.code)) ?? null;
      v[c] = appraised.get(key(u.name, ind.code)) ?? null;
      v[c + 1] = evidence.get(key(u.name, ind.code)) ?? null;
    });
  }
  const entry: Grid = {
    sheet: "Nhập điểm",
    originRow: 1,
    originCol: 1,
    values,
    formulas,
    merges,
    hiddenRows: [],
  };
  const yes = (b: boolean): string => (b ? "Có" : "Không");
  const units: Grid = {
    sheet: "Đơn vị",
    originRow: 1,
    originCol: 1,
    values: [
      [...UNITS_HEADERS],
      ...SAMPLE_UNITS.map((u, i): CellValue[] => [
        i + 1,
        u.name,
        u.group,
        yes(u.subordinates),
        yes(u.dvctt),
        yes(u.special),
        u.special ? "6.3" : null,
      ]),
    ],
  };
  return [entry, units];
}
