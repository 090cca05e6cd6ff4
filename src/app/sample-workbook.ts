/**
 * The embedded sample as the add-in itself would have written it: the entry sheets made by
 * `createEntrySheets` (so they are the add-in's own sheets, with their ownership markers) holding the
 * sample's scores as typed. The preview opens on it: live highlights are painted only on sheets the
 * add-in made (issue 12 item 8), so a sample loaded as plain user sheets would show none.
 */
import { ENTRY_SHEET, getProfile, recognize, SAMPLE_PROFILE_ID, sampleGrids } from "../engine";
import type { WorkbookPort } from "../workbook/port";
import { createEntrySheets } from "./entry-sheets";

/** Writes the sample's entry sheets into an empty workbook (two port round trips). */
export async function writeSampleWorkbook(port: WorkbookPort): Promise<void> {
  const profile = getProfile(SAMPLE_PROFILE_ID);
  const read = recognize(sampleGrids(), profile, { sheet: ENTRY_SHEET });
  // The sample is ours and fixed: failing to read it back is a programmer error, caught by its tests.
  if (!read.ok) throw new Error("the embedded sample does not read back as an entry workbook");
  const { indicators, units, entries } = read.value;
  const written = await createEntrySheets(port, { profile, indicators }, units, { entries });
  if (!written.ok) throw new Error("the embedded sample could not be written");
}
