/** Header cells → column roles, matched on folded text (no accents, no case, no punctuation). */
import { foldLoose } from "../text/normalize";

export type Role =
  | "code"
  | "name"
  | "max"
  | "self"
  | "appraised"
  | "evidence"
  | "note"
  | "level"
  | "method"
  | "unit"
  | "group"
  | "total"
  | "rank"
  | "grade"
  | "percent"
  | "flag-subordinates"
  | "flag-dvctt"
  | "flag-special"
  | "not-applicable"
  /** Which special rule a component falls under: "Đơn vị trực thuộc" / "DVCTT". */
  | "concerns";

const EXACT: Readonly<Record<string, Role>> = {
  stt: "code",
  tt: "code",
  ma: "code",
  "ma so": "code",
  "ma chi so": "code",
  "stt ma": "code",
  "ma stt": "code",
  "so tt": "code",
  "so thu tu": "code",
  "ky hieu": "code",
  code: "code",
  no: "code",
  "chi so": "name",
  "chi tieu": "name",
  "tieu chi": "name",
  "noi dung": "name",
  "ten chi so": "name",
  "ten tieu chi": "name",
  "ten chi tieu": "name",
  "noi dung danh gia": "name",
  "noi dung chi so": "name",
  "chi so danh gia": "name",
  "chi so tieu chi": "name",
  indicator: "name",
  cap: "level",
  "cap chi so": "level",
  "don vi": "unit",
  "co quan": "unit",
  "co quan don vi": "unit",
  "don vi co quan": "unit",
  "dia phuong": "unit",
  "ten dia phuong": "unit",
  tinh: "unit",
  "tinh thanh": "unit",
  "tinh thanh pho": "unit",
  "tinh tp": "unit",
  "ten tinh": "unit",
  "ten tinh thanh pho": "unit",
  "ten tinh tp": "unit",
  "xa phuong": "unit",
  "phuong xa": "unit",
  "xa phuong dac khu": "unit",
  "ten xa phuong": "unit",
  "don vi hanh chinh": "unit",
  province: "unit",
  commune: "unit",
  unit: "unit",
  agency: "unit",
  nhom: "group",
  khoi: "group",
  "nhom xep hang": "group",
  "nhom don vi": "group",
  group: "group",
  tong: "total",
  "tong diem": "total",
  "tong cong": "total",
  "tong so diem": "total",
  "diem dti": "total",
  "chi so dti": "total",
  dti: "total",
  "chi so chuyen doi so": "total",
  "tong diem dat duoc": "total",
  "diem dat duoc": "total",
  total: "total",
  "xep hang": "rank",
  "thu hang": "rank",
  hang: "rank",
  rank: "rank",
  "xep loai": "grade",
  "muc xep loai": "grade",
  "muc do": "grade",
  grade: "grade",
  "ty le": "percent",
  "ti le": "percent",
  "ghi chu": "note",
  note: "note",
};

const roleCache = new Map<string, Role | null>();

/** "Tổng điểm (tối đa 1.000 điểm)" → "Tổng điểm"; "Chỉ số DTI 2022" → "Chỉ số DTI": what names the column. */
function headerCore(text: string): string {
  return text
    .replace(/\([^)]*\)/g, " ")
    .replace(/\b(?:năm\s+)?(?:19|20)\d\d\b/giu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function compute(text: string): Role | null {
  const core = headerCore(text);
  if (core !== "" && core !== text.trim()) {
    const role = computeCore(core);
    // "Chỉ số DTI (%)", "Tỷ lệ (%)": the sign says percent whatever the words.
    if (text.includes("%") && (role === null || role === "total" || role === "name"))
      return "percent";
    if (role !== null) return role;
  }
  return computeCore(text);
}

function computeCore(text: string): Role | null {
  const t = foldLoose(text);
  if (t === "") return null;
  const exact = EXACT[t];
  if (exact !== undefined) return exact;
  if (t.includes("tu danh gia") || t.includes("tu cham") || t === "self") return "self";
  if (t.includes("tham dinh") || t.includes("hoi dong") || t === "appraised") return "appraised";
  if (t.includes("kiem chung") || t.includes("minh chung") || t === "evidence") return "evidence";
  if (t.startsWith("ghi chu")) return "note";
  if (t.includes("toi da") || t.startsWith("thang diem") || t === "diem chuan" || t === "max")
    return "max";
  if (t.includes("cach xac dinh") || t.includes("cach tinh") || t.includes("huong dan"))
    return "method";
  if (t.startsWith("lien quan") || t.includes("quy tac") || t === "doi tuong ap dung")
    return "concerns";
  if (t.includes("truc thuoc")) return "flag-subordinates";
  if (t.includes("dvctt") || t.includes("dich vu cong truc tuyen")) return "flag-dvctt";
  if (t.includes("dac thu")) return "flag-special";
  if (t.includes("khong ap dung")) return "not-applicable";
  if (t.startsWith("xep hang")) return "rank";
  if (t.startsWith("xep loai")) return "grade";
  if (text.includes("%") || t.startsWith("ty le") || t.startsWith("ti le")) return "percent";
  if (/^tong( diem| cong| so diem)?\b/.test(t) && !t.includes("chi so thanh phan")) return "total";
  if (/^(ten )?(co quan|don vi)( |$)/.test(t) && !t.startsWith("don vi tinh")) return "unit";
  if (t.startsWith("ten co quan") || t.startsWith("ten don vi") || t.startsWith("ten dia phuong"))
    return "unit";
  if (/^(ten )?(chi so|tieu chi|chi tieu)( thanh phan)?$/.test(t)) return "name";
  // "Tiêu chí, chỉ số", "Nội dung đánh giá, chấm điểm", "Chỉ số thành phần/tiêu chí".
  if (
    /^(ten |cac )?(chi so|tieu chi|chi tieu|noi dung|linh vuc)( |$)/.test(t) &&
    !/\bdiem\b/.test(t)
  )
    return "name";
  if (/^(nhom|khoi)( don vi| co quan)?$/.test(t)) return "group";
  return null;
}

/** The role a header text names, or null. */
export function headerRole(text: string): Role | null {
  if (text.length > 80) return null;
  const hit = roleCache.get(text);
  if (hit !== undefined) return hit;
  const role = compute(text);
  if (roleCache.size > 10_000) roleCache.clear();
  roleCache.set(text, role);
  return role;
}
