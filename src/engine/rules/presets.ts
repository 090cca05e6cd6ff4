/**
 * Presets: the built-in rule profiles as rules sheets, plus the 2025–2026 sets whose structure is
 * public (../shared/reference/dti-rules.md, "After the July 2025 reform"). Only known facts: a figure
 * the material we have does not give (a band threshold, a group maximum, a decision number) is null,
 * which the sheet shows as "điền theo quyết định" and grading refuses until it is filled.
 */
import type { GradeBand, GradeBasis, RuleProfile } from "../model/types";
import { listProfiles } from "../profiles";
import type { RulesBand, RulesDoc, RulesGroup } from "./types";

function band(b: GradeBand, basis: GradeBasis): RulesBand {
  return {
    label: b.label,
    labelEn: b.labelEn,
    lower: b.lower ? { value: b.lower.value, inclusive: b.lower.inclusive } : null,
    upper: b.upper ? { value: b.upper.value, inclusive: b.upper.inclusive } : null,
    basis,
  };
}

/** A built-in profile as the rules sheet's content. */
function docFromProfile(p: RuleProfile, presetId: string | null = p.id): RulesDoc {
  return {
    id: p.id,
    name: p.name,
    nameEn: p.nameEn,
    presetId,
    source: {
      decision: p.source.decision,
      date: p.source.date ?? null,
      issuer: p.source.issuer,
      year: p.source.year,
      note: p.source.note ?? "",
    },
    scale: p.scale,
    tiePolicy: p.tiePolicy,
    rounding: { stage: p.rounding.stage, decimals: p.rounding.decimals },
    publishAs: p.publishAs,
    groups: p.groups.map((g): RulesGroup => ({
      id: g.id,
      name: g.name,
      nameEn: g.nameEn,
      maxPoints: g.maxPoints,
      maxFromSet: g.maxFromSet === true,
      aliases: g.aliases,
      ranked: g.ranked !== false,
    })),
    bands: p.gradeScheme?.bands.map((b) => band(b, p.gradeScheme?.basis ?? "percent")) ?? [],
    special: p.specialRules,
    mainIndices: p.mainIndices.map((m) => ({
      code: m.code,
      name: m.name,
      maxPoints: m.maxPoints,
      scored: m.scored,
    })),
    unrankedUnits: p.unrankedUnits ?? [],
    unitMap: p.unitMap ?? [],
    limitedIndices: (p.limitedIndices ?? []).map((l) => ({
      code: l.code,
      name: "",
      units: l.units,
    })),
  };
}

const NO_SPECIAL = {
  peerMaxForNoSubordinates: false,
  proportionalDvctt: null,
  notApplicableToMax: false,
} as const;

/** One band row whose label and threshold the user fills from the decision. */
const BANDS_TO_FILL: readonly RulesBand[] = [
  {
    label: null,
    labelEn: "",
    lower: { value: null, inclusive: true },
    upper: null,
    basis: "percent",
  },
];

const DEPARTMENTS_ALIASES = [
  "Sở, ban, ngành",
  "Sở ban ngành",
  "Khối sở, ban, ngành",
  "Cơ quan cấp tỉnh",
  "Cấp tỉnh",
];
const COMMUNES_ALIASES = [
  "UBND cấp xã",
  "Cấp xã",
  "Khối xã",
  "Xã, phường",
  "Phường, xã",
  "Xã, phường, đặc khu",
  "Phường, xã, đặc khu",
];

function departments(max: number | null, name = "Sở, ban, ngành"): RulesGroup {
  return {
    id: "departments",
    name,
    nameEn: "Departments and agencies",
    maxPoints: max,
    maxFromSet: false,
    aliases: DEPARTMENTS_ALIASES.filter((a) => a !== name),
    ranked: true,
  };
}

function communes(max: number | null, name = "UBND xã, phường"): RulesGroup {
  return {
    id: "communes",
    name,
    nameEn: "Commune-level People's Committees",
    maxPoints: max,
    maxFromSet: false,
    aliases: COMMUNES_ALIASES.filter((a) => a !== name),
    ranked: true,
  };
}

const BASE = {
  tiePolicy: "competition",
  rounding: { stage: "display", decimals: 2 },
  publishAs: "points",
  special: NO_SPECIAL,
  mainIndices: [],
  unrankedUnits: [],
  unitMap: [],
  limitedIndices: [],
} as const;

/** The 2025–2026 sets (after the July 2025 reform). */
const REFORM_PRESETS: readonly RulesDoc[] = [
  {
    ...BASE,
    id: "hanoi-2025",
    name: "Hà Nội (5279/QĐ-UBND): sở, ban, ngành và xã, phường",
    nameEn: "Hà Nội (5279/QĐ-UBND): departments and communes",
    presetId: "hanoi-2025",
    source: {
      decision: "5279/QĐ-UBND",
      date: "23/10/2025",
      issuer: "UBND TP. Hà Nội",
      year: null,
      note:
        "Sở: 34 chỉ số thành phần trong 9 nhóm (Nhận thức số 3, Thể chế số 4, Hạ tầng số 2, Nhân lực số 3, " +
        "An toàn thông tin mạng 5, Hoạt động chính quyền số 11, Hoạt động kinh tế số 1, Hoạt động xã hội số 3, " +
        "Mức độ hoàn thành kế hoạch chuyển đổi số của năm 2); chỉ số kinh tế số chỉ chấm cho 8 sở có nhiệm vụ " +
        "(khối 9: ghi mã chỉ số trong biểu mẫu và tên 8 sở; với các sở còn lại chỉ số không tính vào điểm tối đa). Xã, phường: 47 chỉ số " +
        "trong 8 nhóm (5, 3, 5, 6, 4, 10, 6, 8). Điểm và mức xếp loại: điền theo quyết định. " +
        "Nguồn: vietnamnet.vn; hethongphapluat.com 5279/QĐ-UBND.",
    },
    scale: null,
    groups: [departments(null), communes(null)],
    bands: BANDS_TO_FILL,
    // The 8 departments with digital-economy tasks and the component's code in the form are not in
    // our sources: to fill from the decision (the row may be deleted if the form has no such index).
    limitedIndices: [{ code: null, name: "Hoạt động kinh tế số", units: null }],
  },
  {
    ...BASE,
    id: "hcm-2025",
    name: "TP. Hồ Chí Minh 2025: sở, ban, ngành và phường, xã, đặc khu (/100)",
    nameEn: "Ho Chi Minh City 2025: departments and communes (/100)",
    presetId: "hcm-2025",
    source: {
      decision: null,
      date: null,
      issuer: "UBND TP. Hồ Chí Minh",
      year: 2025,
      note:
        "Sở: 6 chỉ số chính (Nhận thức số, Thể chế số, Hạ tầng số, Nhân lực số, An toàn thông tin mạng, " +
        "Hoạt động chuyển đổi số), 32 chỉ số thành phần, 100 điểm. Phường, xã, đặc khu: 8 chỉ số chính, " +
        "42 chỉ số thành phần, 100 điểm. Số quyết định và mức xếp loại: điền theo quyết định.",
    },
    scale: 100,
    groups: [departments(100), communes(100, "UBND phường, xã, đặc khu")],
    bands: BANDS_TO_FILL,
  },
  {
    ...BASE,
    id: "danang-2025",
    name: "Đà Nẵng (2386/QĐ-UBND): sở, ngành, cơ quan trung ương và phường, xã",
    nameEn: "Đà Nẵng (2386/QĐ-UBND): departments, central agencies and communes",
    presetId: "danang-2025",
    source: {
      decision: "2386/QĐ-UBND",
      date: "05/11/2025",
      issuer: "UBND TP. Đà Nẵng",
      year: null,
      note:
        "8 nhóm: Nhận thức số, Thể chế số, Hạ tầng số, Ứng dụng công nghệ số, Dịch vụ công trực tuyến, " +
        "Nhân lực số, Xã hội số (chỉ phường, xã), Điểm thưởng, điểm trừ (chấm trong biểu mẫu bằng phương pháp " +
        "điểm thưởng / điểm trừ). Đơn vị: sở, ngành (cả đơn vị không có TTHC), cơ quan trung ương trên địa bàn, " +
        "phường, xã. Thang điểm, điểm tối đa và mức xếp loại: điền theo quyết định.",
    },
    scale: null,
    groups: [
      departments(null, "Sở, ban, ngành"),
      {
        id: "central-agencies",
        name: "Cơ quan trung ương trên địa bàn",
        nameEn: "Central agencies in the city",
        maxPoints: null,
        maxFromSet: false,
        aliases: ["Cơ quan trung ương", "Cơ quan Trung ương đóng trên địa bàn", "Khối trung ương"],
        ranked: true,
      },
      communes(null, "UBND phường, xã"),
    ],
    bands: BANDS_TO_FILL,
  },
  {
    ...BASE,
    id: "khanhhoa-2025",
    name: "Khánh Hòa (1299/QĐ-UBND)",
    nameEn: "Khánh Hòa (1299/QĐ-UBND)",
    presetId: "khanhhoa-2025",
    source: {
      decision: "1299/QĐ-UBND",
      date: "25/09/2025",
      issuer: "UBND tỉnh Khánh Hòa",
      year: null,
      note:
        "8 nhóm của 405/QĐ-BKHCN và các chỉ số ngành (du lịch; nông nghiệp và môi trường; xây dựng/giao thông; " +
        "giáo dục; y tế). Bắt buộc tài liệu kiểm chứng, thiếu thì giải trình; Hội đồng công nhận hoặc điều chỉnh; " +
        "kết quả trong quý I. Nhóm xếp hạng, điểm tối đa và mức xếp loại: điền theo quyết định.",
    },
    scale: null,
    groups: [departments(null), communes(null, "UBND xã, phường, đặc khu")],
    bands: BANDS_TO_FILL,
  },
  {
    ...BASE,
    id: "phutho-2025",
    name: "Phú Thọ 2025: sở, ban, ngành và xã, phường (/1000)",
    nameEn: "Phú Thọ 2025: departments and communes (/1000)",
    presetId: "phutho-2025",
    source: {
      decision: "469/QĐ-UBND",
      date: null,
      issuer: "UBND tỉnh Phú Thọ",
      year: 2025,
      note:
        "Quyết định công bố kết quả năm 2025 (02/2026): 1000 điểm, 2 chữ số thập phân; 7 tiêu chí (kinh tế số " +
        "và xã hội số gộp). Năm 2024 có 6 đơn vị đặc thù được chấm nhưng không xếp loại (Công an, Thanh tra, " +
        "NHNN, Cục QLTT, BCH Quân sự, Ban Dân tộc): ghi vào khối 7 nếu năm nay cũng vậy. Mức xếp loại: điền theo quyết định.",
    },
    scale: 1000,
    groups: [departments(1000), communes(1000)],
    bands: BANDS_TO_FILL,
  },
  {
    ...BASE,
    id: "national-405",
    name: "DTI cấp tỉnh (405/QĐ-BKHCN), cấp chỉ số chính",
    nameEn: "National provincial DTI (405/QĐ-BKHCN), main-index level",
    presetId: "national-405",
    source: {
      decision: "405/QĐ-BKHCN",
      date: "03/04/2025",
      issuer: "Bộ Khoa học và Công nghệ",
      year: 2024,
      note:
        "Cấp tỉnh: 8 chỉ số chính (danh sách của 922 bỏ Đô thị thông minh), 47 chỉ số thành phần, 1000 điểm; " +
        "DTI 2024 (công bố 21/10/2025) chấm theo bộ này, giá trị 0..1, 4 chữ số thập phân; tỉnh sau sáp nhập = " +
        "trung bình giá trị chỉ số chính của các tỉnh cũ. Điểm tối đa từng chỉ số chính: điền theo quyết định.",
    },
    scale: 1000,
    rounding: { stage: "display", decimals: 4 },
    publishAs: "index",
    groups: [
      {
        id: "provinces",
        name: "Tỉnh, thành phố trực thuộc trung ương",
        nameEn: "Provinces and centrally-run cities",
        maxPoints: 1000,
        maxFromSet: false,
        aliases: ["Tỉnh", "Tỉnh, thành phố", "Cấp tỉnh", "Địa phương"],
        ranked: true,
      },
    ],
    bands: [],
    mainIndices: [
      "Nhận thức số",
      "Thể chế số",
      "Hạ tầng số",
      "Nhân lực số",
      "An toàn thông tin mạng",
      "Hoạt động chính quyền số",
      "Hoạt động kinh tế số",
      "Hoạt động xã hội số",
    ].map((name, i) => ({ code: String(i + 1), name, maxPoints: null, scored: true })),
  },
];

/** Every preset: the 2025–2026 sets first, then the built-in profiles. */
export function listPresets(): readonly RulesDoc[] {
  return [...REFORM_PRESETS, ...listProfiles().map((p) => docFromProfile(p))];
}

export function findPreset(id: string): RulesDoc | undefined {
  return listPresets().find((d) => d.id === id);
}

/** Ids of every preset, in listing order. */
export function presetIds(): readonly string[] {
  return listPresets().map((d) => d.id);
}
