import type { FormFile } from "../../../app/import-forms";
import type { EntryView } from "../../controller/types";

export interface EntryPanelProps {
  readonly entry: EntryView;
  /** The confirmed set's ranking groups (for agencies typed by name). */
  readonly groups: readonly { readonly id: string; readonly name: string }[];
  /** Names typed by the user (used only when the workbook has no "Đơn vị" sheet) and their group. */
  readonly onCreate: (names: readonly string[], groupId: string | null) => void;
  readonly onImportForms: (files: readonly FormFile[]) => void;
  readonly onOpenSheet: (sheet: string) => void;
  readonly busy: boolean;
}
