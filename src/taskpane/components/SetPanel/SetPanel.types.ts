import type { ScaleQuestion } from "../LayoutPanel/ScaleQuestion";
import type { LayoutOverrides } from "../../../engine";
import type { LoadedView, ProfileOption } from "../../controller/types";

export interface SetPanelProps {
  readonly profiles: readonly ProfileOption[];
  readonly profileId: string;
  readonly onProfileChange: (id: string) => void;
  readonly onRecognizeSheet: () => void;
  readonly onImportFile: (file: { readonly name: string; readonly bytes: ArrayBuffer }) => void;
  readonly onUseProfile: () => void;
  readonly loaded: LoadedView | null;
  readonly confirmed: boolean;
  readonly onConfirm: () => void;
  /** A change to a recognised foreign table's layout (column role, maximum, scale). */
  readonly onLayoutChange?: (change: LayoutOverrides) => void;
  /** The recognised table's scale could not be told: ask. */
  readonly scaleQuestion?: ScaleQuestion | null;
  readonly busy: boolean;
}
