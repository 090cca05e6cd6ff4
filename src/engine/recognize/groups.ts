/**
 * Ranking groups by key words: a group text in the publication's own words ("Cấp sở", "CƠ QUAN, ĐƠN
 * VỊ KHÔNG CÓ THỦ TỤC HÀNH CHÍNH", "Khối xã, phường") matched to the profile's groups by what it says
 * (level: agencies / districts / communes / provinces; with or without administrative procedures),
 * and a unit's group told from its name ("Sở …" → agencies, "UBND huyện …" → districts). Never a
 * guess: a text that fits several groups (or none) matches nothing.
 */
import type { RankingGroup, RuleProfile } from "../model/types";
import { foldLoose } from "../text/normalize";

type Kind = "agency" | "district" | "commune" | "province";

interface Features {
  readonly kinds: ReadonlySet<Kind>;
  /** true: has administrative procedures (TTHC); false: has none; null: not said. */
  readonly tthc: boolean | null;
}

const TTHC = /\b(tthc|thu tuc hanh chinh)\b/;
const NO_TTHC = /\bkhong (co )?(tthc|thu tuc hanh chinh)\b|\bdac thu\b/;

function features(text: string): Features {
  const f = ` ${foldLoose(text)} `;
  const kinds = new Set<Kind>();
  if (/ (so|ban nganh|so ban nganh|co quan|don vi|cap so|cap tinh|khoi tinh|nganh) /.test(f))
    kinds.add("agency");
  if (/ (huyen|thi xa|cap huyen|khoi huyen) /.test(f)) kinds.add("district");
  if (/ (xa|phuong|dac khu|thi tran|cap xa) /.test(f) && !/ thi xa /.test(f)) kinds.add("commune");
  if (/ (tinh thanh pho|tinh tp|cac tinh|tinh thanh) /.test(f) && !kinds.has("agency"))
    kinds.add("province");
  // "UBND các huyện, thị xã, thành phố": a district group although it says "thành phố".
  if (kinds.has("district")) kinds.delete("agency");
  const tthc = NO_TTHC.test(f) ? false : TTHC.test(f) ? true : null;
  if (tthc !== null && kinds.size === 0) kinds.add("agency");
  return { kinds, tthc };
}

const groupFeatures = new WeakMap<RankingGroup, Features>();

/** A group's features: the union of what its name and aliases say. */
function featuresOfGroup(g: RankingGroup): Features {
  const hit = groupFeatures.get(g);
  if (hit !== undefined) return hit;
  const kinds = new Set<Kind>();
  let says = false;
  let saysNot = false;
  for (const t of [g.name, ...g.aliases]) {
    const f = features(t);
    for (const k of f.kinds) kinds.add(k);
    if (f.tthc === true) says = true;
    if (f.tthc === false) saysNot = true;
  }
  const out = { kinds, tthc: saysNot ? false : says ? true : null };
  groupFeatures.set(g, out);
  return out;
}

/** The one profile group whose key words fit the text, or null (none or several fit). */
export function matchGroupByKeywords(text: string, profile: RuleProfile): string | null {
  const f = features(text);
  if (f.kinds.size !== 1) return null;
  const [kind] = [...f.kinds];
  const fits = profile.groups.filter((g) => {
    const gf = featuresOfGroup(g);
    if (kind === undefined || !gf.kinds.has(kind)) return false;
    return f.tthc === null || gf.tthc === null || gf.tthc === f.tthc;
  });
  if (fits.length === 1) return fits[0]?.id ?? null;
  // "Có TTHC" against a profile with and without: the one that says the same.
  if (f.tthc !== null) {
    const same = fits.filter((g) => featuresOfGroup(g).tthc === f.tthc);
    if (same.length === 1) return same[0]?.id ?? null;
  }
  return null;
}

const AGENCY_NAME =
  /^(so|ban|van phong|thanh tra|dai|cong an|bo chi huy|kho bac|cuc|chi cuc|bao hiem xa hoi|ngan hang|hoi dong|tinh doan|uy ban mat tran)( |$)/;
const DISTRICT_NAME = /^(ubnd |uy ban nhan dan )?(huyen|thi xa|thanh pho)( |$)/;
const COMMUNE_NAME = /^(ubnd |uy ban nhan dan )?(xa|phuong|dac khu|thi tran)( |$)/;

/** What a unit's name says it is, or null ("Trung tâm …" says nothing sure). */
function kindOfUnitName(name: string): Kind | null {
  const f = foldLoose(name);
  if (COMMUNE_NAME.test(f)) return "commune";
  if (DISTRICT_NAME.test(f)) return f.startsWith("thanh pho") ? null : "district";
  if (AGENCY_NAME.test(f)) return "agency";
  return null;
}

/** The one profile group for a unit's name, or null. */
export function groupOfUnitName(name: string, profile: RuleProfile): string | null {
  const kind = kindOfUnitName(name);
  if (kind === null) return null;
  const fits = profile.groups.filter((g) => featuresOfGroup(g).kinds.has(kind));
  return fits.length === 1 ? (fits[0]?.id ?? null) : null;
}
