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
  readonly busy: boolean;
}
