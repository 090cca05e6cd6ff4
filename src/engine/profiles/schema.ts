/**
 * A hand-written schema check for rule profiles read from JSON: every field is checked, every
 * problem is listed with its path, and the result is typed. No schema library (no new packages).
 */
import type {
  GradeBand,
  GradeScheme,
  ProfileMainIndex,
  RankingGroup,
  Rounding,
  RuleProfile,
  SourceDecision,
  SpecialRules,
} from "../model/types";

/** A built-in or user-supplied profile that does not match the schema. */
export class ProfileSchemaError extends Error {
  override readonly name = "ProfileSchemaError";
  constructor(
    readonly profileId: string,
    readonly problems: readonly string[]
  ) {
    super(
      `Hồ sơ quy tắc "${profileId}" không hợp lệ / rule profile "${profileId}" is invalid: ${problems.join("; ")}`
    );
  }
}

type Obj = Readonly<Record<string, unknown>>;

class Checker {
  readonly problems: string[] = [];

  obj(v: unknown, path: string): Obj {
    if (typeof v === "object" && v !== null && !Array.isArray(v)) return v as Obj;
    this.problems.push(`${path}: expected an object`);
    return {};
  }
  arr(v: unknown, path: string): readonly unknown[] {
    if (Array.isArray(v)) return v as unknown[];
    this.problems.push(`${path}: expected an array`);
    return [];
  }
  str(v: unknown, path: string, nonEmpty = true): string {
    if (typeof v === "string" && (!nonEmpty || v.trim() !== "")) return v;
    this.problems.push(`${path}: expected a ${nonEmpty ? "non-empty " : ""}string`);
    return "";
  }
  num(v: unknown, path: string, min = -Infinity): number {
    if (typeof v === "number" && Number.isFinite(v) && v >= min) return v;
    this.problems.push(`${path}: expected a number${min > -Infinity ? ` ≥ ${min}` : ""}`);
    return 0;
  }
  bool(v: unknown, path: string): boolean {
    if (typeof v === "boolean") return v;
    this.problems.push(`${path}: expected true or false`);
    return false;
  }
  oneOf<T extends string>(v: unknown, allowed: readonly T[], path: string): T {
    if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
    this.problems.push(`${path}: expected one of ${allowed.join(", ")}`);
    return allowed[0] as T;
  }
  /** Reports keys the schema does not know (typos in data files must not pass silently). */
  known(o: Obj, keys: readonly string[], path: string): void {
    for (const k of Object.keys(o))
      if (!keys.includes(k)) this.problems.push(`${path}.${k}: unknown field`);
  }
}

function bound(c: Checker, v: unknown, path: string): { value: number; inclusive: boolean } {
  const o = c.obj(v, path);
  c.known(o, ["value", "inclusive"], path);
  return {
    value: c.num(o["value"], `${path}.value`),
    inclusive: c.bool(o["inclusive"], `${path}.inclusive`),
  };
}

function checkScheme(c: Checker, v: unknown, path: string): GradeScheme {
  const o = c.obj(v, path);
  c.known(o, ["basis", "bands"], path);
  const basis = c.oneOf(
    o["basis"],
    ["percent", "group-percent", "points"] as const,
    `${path}.basis`
  );
  const rawBands = c.arr(o["bands"], `${path}.bands`);
  if (rawBands.length === 0) c.problems.push(`${path}.bands: at least one band is needed`);
  const bands = rawBands.map((b, i): GradeBand => {
    const p = `${path}.bands[${i}]`;
    const bo = c.obj(b, p);
    c.known(bo, ["label", "labelEn", "lower", "upper"], p);
    const band: { -readonly [K in keyof GradeBand]: GradeBand[K] } = {
      label: c.str(bo["label"], `${p}.label`),
      labelEn: c.str(bo["labelEn"], `${p}.labelEn`),
    };
    if (bo["lower"] !== undefined) band.lower = bound(c, bo["lower"], `${p}.lower`);
    if (bo["upper"] !== undefined) band.upper = bound(c, bo["upper"], `${p}.upper`);
    if (band.lower && band.upper && band.lower.value > band.upper.value)
      c.problems.push(`${p}: lower bound above upper bound`);
    return band;
  });
  // Highest band first: each band's lower bound must not sit below the next band's upper bound.
  for (let i = 1; i < bands.length; i++) {
    const hi = bands[i - 1];
    const lo = bands[i];
    const hiLower = hi?.lower?.value;
    const loUpper = lo?.upper?.value;
    if (hiLower !== undefined && loUpper !== undefined && loUpper > hiLower)
      c.problems.push(`${path}.bands[${i}]: overlaps the band above (bands go highest first)`);
    if (hiLower === undefined)
      c.problems.push(`${path}.bands[${i - 1}]: only the last band may be open below`);
  }
  return { basis, bands };
}

function checkGroup(c: Checker, v: unknown, path: string): RankingGroup {
  const o = c.obj(v, path);
  c.known(o, ["id", "name", "nameEn", "maxPoints", "aliases", "maxFromSet", "ranked"], path);
  const group: { -readonly [K in keyof RankingGroup]: RankingGroup[K] } = {
    id: c.str(o["id"], `${path}.id`),
    name: c.str(o["name"], `${path}.name`),
    nameEn: c.str(o["nameEn"], `${path}.nameEn`),
    maxPoints: c.num(o["maxPoints"], `${path}.maxPoints`, 0),
    aliases: c
      .arr(o["aliases"], `${path}.aliases`)
      .map((a, i) => c.str(a, `${path}.aliases[${i}]`)),
  };
  if (group.maxPoints <= 0 && o["maxFromSet"] !== true)
    c.problems.push(`${path}.maxPoints: must be above 0 unless maxFromSet is true`);
  if (o["maxFromSet"] !== undefined)
    group.maxFromSet = c.bool(o["maxFromSet"], `${path}.maxFromSet`);
  if (o["ranked"] !== undefined) group.ranked = c.bool(o["ranked"], `${path}.ranked`);
  return group;
}

function checkSource(c: Checker, v: unknown, path: string): SourceDecision {
  const o = c.obj(v, path);
  c.known(o, ["decision", "year", "issuer", "note", "date"], path);
  const source: { -readonly [K in keyof SourceDecision]: SourceDecision[K] } = {
    decision: c.str(o["decision"], `${path}.decision`),
    year: c.num(o["year"], `${path}.year`, 2000),
    issuer: c.str(o["issuer"], `${path}.issuer`),
  };
  if (o["note"] !== undefined) source.note = c.str(o["note"], `${path}.note`);
  if (o["date"] !== undefined) source.date = c.str(o["date"], `${path}.date`);
  return source;
}

function checkSpecial(c: Checker, v: unknown, path: string): SpecialRules {
  const o = c.obj(v, path);
  c.known(
    o,
    [
      "peerMaxForNoSubordinates",
      "proportionalDvctt",
      "notApplicableToMax",
      "bonusCap",
      "penaltyCap",
    ],
    path
  );
  const prop = o["proportionalDvctt"];
  let proportionalDvctt: SpecialRules["proportionalDvctt"] = null;
  if (prop !== null) {
    const po = c.obj(prop, `${path}.proportionalDvctt`);
    c.known(po, ["scope"], `${path}.proportionalDvctt`);
    proportionalDvctt = {
      scope: c.oneOf(
        po["scope"],
        ["all-non-dvctt", "same-main-index"] as const,
        `${path}.proportionalDvctt.scope`
      ),
    };
  }
  return {
    peerMaxForNoSubordinates: c.bool(
      o["peerMaxForNoSubordinates"],
      `${path}.peerMaxForNoSubordinates`
    ),
    proportionalDvctt,
    notApplicableToMax: c.bool(o["notApplicableToMax"], `${path}.notApplicableToMax`),
    ...(o["bonusCap"] !== undefined
      ? { bonusCap: c.num(o["bonusCap"], `${path}.bonusCap`, 0) }
      : {}),
    ...(o["penaltyCap"] !== undefined
      ? { penaltyCap: c.num(o["penaltyCap"], `${path}.penaltyCap`, 0) }
      : {}),
  };
}

function checkRounding(c: Checker, v: unknown, path: string): Rounding {
  const o = c.obj(v, path);
  c.known(o, ["stage", "decimals"], path);
  const decimals = c.num(o["decimals"], `${path}.decimals`, 0);
  if (!Number.isInteger(decimals) || decimals > 10)
    c.problems.push(`${path}.decimals: expected an integer 0..10`);
  return {
    stage: c.oneOf(
      o["stage"],
      ["display", "component", "main-index", "total"] as const,
      `${path}.stage`
    ),
    decimals,
  };
}

function checkMainIndex(c: Checker, v: unknown, path: string): ProfileMainIndex {
  const o = c.obj(v, path);
  c.known(o, ["code", "name", "maxPoints", "scored"], path);
  return {
    code: c.str(o["code"], `${path}.code`),
    name: c.str(o["name"], `${path}.name`),
    maxPoints: c.num(o["maxPoints"], `${path}.maxPoints`, 0),
    scored: c.bool(o["scored"], `${path}.scored`),
  };
}

/** Checks one profile read from JSON; throws ProfileSchemaError listing every problem. */
export function checkProfile(v: unknown, origin = "profile"): RuleProfile {
  const c = new Checker();
  const o = c.obj(v, origin);
  c.known(
    o,
    [
      "id",
      "name",
      "nameEn",
      "source",
      "scale",
      "groups",
      "gradeScheme",
      "tiePolicy",
      "rounding",
      "publishAs",
      "specialRules",
      "mainIndices",
      "unrankedUnits",
      "limitedIndices",
    ],
    origin
  );
  const id = c.str(o["id"], "id");
  const groups = c.arr(o["groups"], "groups").map((g, i) => checkGroup(c, g, `groups[${i}]`));
  if (groups.length === 0) c.problems.push("groups: at least one ranking group is needed");
  const ids = new Set<string>();
  for (const g of groups) {
    if (ids.has(g.id)) c.problems.push(`groups: duplicate id ${g.id}`);
    ids.add(g.id);
  }
  const mainIndices = c
    .arr(o["mainIndices"], "mainIndices")
    .map((m, i) => checkMainIndex(c, m, `mainIndices[${i}]`));
  const profile: RuleProfile = {
    id,
    name: c.str(o["name"], "name"),
    nameEn: c.str(o["nameEn"], "nameEn"),
    source: checkSource(c, o["source"], "source"),
    scale: c.num(o["scale"], "scale", 1),
    groups,
    gradeScheme: o["gradeScheme"] === null ? null : checkScheme(c, o["gradeScheme"], "gradeScheme"),
    tiePolicy: c.oneOf(
      o["tiePolicy"],
      ["competition", "dense", "main-index-order"] as const,
      "tiePolicy"
    ),
    rounding: checkRounding(c, o["rounding"], "rounding"),
    publishAs: c.oneOf(o["publishAs"], ["points", "percent", "index"] as const, "publishAs"),
    specialRules: checkSpecial(c, o["specialRules"], "specialRules"),
    mainIndices,
    ...(o["unrankedUnits"] !== undefined
      ? {
          unrankedUnits: c
            .arr(o["unrankedUnits"], "unrankedUnits")
            .map((u, i) => c.str(u, `unrankedUnits[${i}]`)),
        }
      : {}),
    ...(o["limitedIndices"] !== undefined
      ? {
          limitedIndices: c.arr(o["limitedIndices"], "limitedIndices").map((l, i) => {
            const lo = c.obj(l, `limitedIndices[${i}]`);
            c.known(lo, ["code", "units"], `limitedIndices[${i}]`);
            return {
              code: c.str(lo["code"], `limitedIndices[${i}].code`),
              units: c
                .arr(lo["units"], `limitedIndices[${i}].units`)
                .map((u, j) => c.str(u, `limitedIndices[${i}].units[${j}]`)),
            };
          }),
        }
      : {}),
  };
  if (mainIndices.length > 0) {
    const sum = mainIndices.reduce((s, m) => s + (m.scored ? m.maxPoints : 0), 0);
    if (Math.abs(sum - profile.scale) > 1e-9)
      c.problems.push(`mainIndices: scored maxima sum to ${sum}, not the scale ${profile.scale}`);
  }
  if (c.problems.length > 0) throw new ProfileSchemaError(id || origin, c.problems);
  return profile;
}
