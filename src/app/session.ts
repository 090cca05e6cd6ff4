/**
 * The add-in's state kept in the workbook itself (port settings), so that reopening or sharing the
 * file keeps the chosen profile and the confirmed indicator set.
 */
import type { IndicatorSet, Unit } from "../engine";
import type { WorkbookPort } from "../workbook/port";

/** Where the confirmed set came from. */
export type SetSource = "active-sheet" | "import" | "built-in" | "entry-workbook";

interface SessionState {
  readonly profileId: string;
  readonly setSource: SetSource;
  /** The sheet or file name the set was read from ("" for a built-in profile). */
  readonly sourceName: string;
  readonly set: IndicatorSet;
  /** Units known when the entry sheets were created (the units sheet stays the reference). */
  readonly units?: readonly Unit[];
}

export const SETTING_KEYS = {
  profileId: "dti.profileId",
  setSource: "dti.setSource",
  sourceName: "dti.sourceName",
  indicatorSet: "dti.indicatorSet",
  units: "dti.units",
} as const;

const SOURCES: readonly SetSource[] = ["active-sheet", "import", "built-in", "entry-workbook"];

/** Thrown when stored settings are present but unreadable (edited by hand, truncated). */
export class SessionCorruptError extends Error {
  constructor(readonly key: string) {
    super(
      `Cài đặt "${key}" trong workbook bị hỏng; hãy nạp lại bộ chỉ số. / Setting "${key}" in the workbook is damaged; load the indicator set again.`
    );
    this.name = "SessionCorruptError";
  }
}

function isIndicatorSet(x: unknown): x is IndicatorSet {
  if (typeof x !== "object" || x === null) return false;
  const o = x as { profile?: unknown; indicators?: unknown };
  return (
    typeof o.profile === "object" &&
    o.profile !== null &&
    typeof (o.profile as { id?: unknown }).id === "string" &&
    Array.isArray(o.indicators)
  );
}

/** Reads the stored session from settings already read (pure). Null when no set was confirmed. */
export function sessionFromSettings(
  settings: Readonly<Record<string, string>>
): SessionState | null {
  const json = settings[SETTING_KEYS.indicatorSet];
  if (json === undefined || json === "") return null;
  let set: unknown;
  try {
    set = JSON.parse(json);
  } catch {
    throw new SessionCorruptError(SETTING_KEYS.indicatorSet);
  }
  if (!isIndicatorSet(set)) throw new SessionCorruptError(SETTING_KEYS.indicatorSet);
  const source = settings[SETTING_KEYS.setSource] as SetSource | undefined;
  let units: Unit[] | undefined;
  const unitsJson = settings[SETTING_KEYS.units];
  if (unitsJson !== undefined && unitsJson !== "") {
    try {
      const parsed: unknown = JSON.parse(unitsJson);
      if (Array.isArray(parsed)) units = parsed as Unit[];
    } catch {
      throw new SessionCorruptError(SETTING_KEYS.units);
    }
  }
  return {
    profileId: settings[SETTING_KEYS.profileId] ?? set.profile.id,
    setSource: source !== undefined && SOURCES.includes(source) ? source : "active-sheet",
    sourceName: settings[SETTING_KEYS.sourceName] ?? "",
    set,
    ...(units !== undefined ? { units } : {}),
  };
}

/** The session as settings entries (pure). */
function sessionToSettings(state: SessionState): Record<string, string> {
  return {
    [SETTING_KEYS.profileId]: state.profileId,
    [SETTING_KEYS.setSource]: state.setSource,
    [SETTING_KEYS.sourceName]: state.sourceName,
    [SETTING_KEYS.indicatorSet]: JSON.stringify(state.set),
    // "" removes the key (settings merge semantics of every adapter).
    [SETTING_KEYS.units]: state.units !== undefined ? JSON.stringify(state.units) : "",
  };
}

/** One round trip. */
export async function readSession(port: WorkbookPort): Promise<SessionState | null> {
  return sessionFromSettings(await port.readSettings());
}

/** One round trip. */
export async function writeSession(port: WorkbookPort, state: SessionState): Promise<void> {
  await port.writeSettings(sessionToSettings(state));
}
