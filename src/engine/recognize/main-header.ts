/** A main-index column header: "1. Nhận thức số (100 điểm)", "Nhận thức số", "Chỉ số 2", "Tổng điểm (tối đa 1.000 điểm)". */
import type { RuleProfile } from "../model/types";
import { parseVnNumber } from "../numbers/vn-number";
import { foldLoose } from "../text/normalize";
import { isRoman, splitLeadingCode } from "./codes";

/** "1.000" in a header's "(tối đa 1.000 điểm)" is one thousand: a maximum of 1.0 points is not written so. */
function maxNumber(text: string): number | null {
  if (/^\d{1,3}(\.\d{3})+$/.test(text)) return Number(text.replace(/\./g, ""));
  const p = parseVnNumber(text);
  return p.kind === "number" ? p.value : null;
}

/** The header's code, name and max; unknown codes come from the profile (by accent-free name) or the position. */
export function parseMainHeader(
  text: string,
  position: number,
  profile: RuleProfile
): { code: string; name: string; maxPoints: number | null; explicit: boolean } {
  let name = text.trim();
  let maxPoints: number | null = null;
  const maxMatch =
    /\(\s*(?:tối đa|toi da|max|thang điểm)?\s*:?\s*(\d+(?:[.,]\d+)*)\s*(?:điểm|đ|d|points?)?\s*\)/iu.exec(
      name
    );
  if (maxMatch?.[1] !== undefined) {
    maxPoints = maxNumber(maxMatch[1]);
    name = name.replace(maxMatch[0], "").trim();
  }
  let code: string | null = null;
  const split = splitLeadingCode(name);
  if (split !== null && !isRoman(split[0])) [code, name] = split;
  const chiSo = /^(?:chỉ số|chi so|index)\s+(\d+)\s*[:.\-–]?\s*(.*)$/iu.exec(name);
  if (code === null && chiSo?.[1] !== undefined) {
    code = chiSo[1];
    name = (chiSo[2] ?? "").trim() || name;
  }
  if (code === null && /^\d+$/.test(name)) code = name;
  const explicitCode = code !== null;
  const folded = foldLoose(name);
  const bare = folded.replace(/^(chi so|diem|nhom chi so)\s+/, "");
  const known =
    (code !== null ? profile.mainIndices.find((m) => m.code === code) : undefined) ??
    profile.mainIndices.find((m) => {
      const f = foldLoose(m.name);
      return f === folded || f === bare;
    });
  if (code === null) code = known?.code ?? String(position);
  if (maxPoints === null && known !== undefined) maxPoints = known.maxPoints;
  if (name === "" || name === code) name = known?.name ?? name;
  // A header that names an index ("1. Nhận thức số (40)") makes an index column even when every
  // value under it is unusable (those values are then reported, not dropped).
  const explicit = (explicitCode && maxMatch !== null) || known !== undefined;
  return { code, name, maxPoints, explicit };
}
