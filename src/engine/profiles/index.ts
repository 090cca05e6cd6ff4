/**
 * Built-in rule profiles: JSON data files under version control, checked by a schema at load.
 * A profile supplies rules (groups, maxima, bands, special rules); component rows come from the
 * user's official workbook.
 */
import type { RuleProfile } from "../model/types";
import { checkProfile } from "./schema";
import daklak2022 from "./data/daklak-2022.json";
import generic from "./data/generic.json";
import hcm2023 from "./data/hcm-2023.json";
import kontum2022 from "./data/kontum-2022.json";
import laocai2022 from "./data/laocai-2022.json";
import laocai2023 from "./data/laocai-2023.json";
import national922 from "./data/national-922.json";
import sample from "./data/sample.json";
import sonla2024 from "./data/sonla-2024.json";

export { ProfileSchemaError, checkProfile } from "./schema";

/** Asked for a built-in profile id that does not exist (a programmer or settings error). */
export class UnknownProfileError extends Error {
  override readonly name = "UnknownProfileError";
  constructor(readonly profileId: string) {
    super(
      `Không có bộ quy tắc "${profileId}" / unknown rule profile "${profileId}". ` +
        `Có / available: ${PROFILE_IDS.join(", ")}`
    );
  }
}

const RAW: readonly unknown[] = [
  sonla2024,
  laocai2022,
  laocai2023,
  kontum2022,
  daklak2022,
  hcm2023,
  national922,
  generic,
  sample,
];

/** Ids of the built-in profiles, in listing order. */
export const PROFILE_IDS: readonly string[] = [
  "sonla-2024",
  "laocai-2022",
  "laocai-2023",
  "kontum-2022",
  "daklak-2022",
  "hcm-2023",
  "national-922",
  "generic",
  "sample",
];

let loaded: readonly RuleProfile[] | null = null;

function load(): readonly RuleProfile[] {
  if (loaded === null) {
    // Checked once, on first use (no side effects at import time).
    loaded = RAW.map((raw, i) => checkProfile(raw, PROFILE_IDS[i] ?? `profile #${i}`));
  }
  return loaded;
}

/** All built-in profiles. */
export function listProfiles(): readonly RuleProfile[] {
  return load();
}

/** The built-in profile with this id, or undefined. */
export function findProfile(id: string): RuleProfile | undefined {
  return load().find((p) => p.id === id);
}

/** The built-in profile with this id; throws UnknownProfileError. */
export function getProfile(id: string): RuleProfile {
  const p = findProfile(id);
  if (p === undefined) throw new UnknownProfileError(id);
  return p;
}
