import { useCallback, useId, type ChangeEvent } from "react";
import { useStrings } from "../../i18n";
import type { SetPanelProps } from "./SetPanel.types";

/** Reads a chosen file as bytes (File.arrayBuffer where available, FileReader otherwise). */
export function readFileBytes(file: Blob): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === "function") return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(r.result as ArrayBuffer);
    r.onerror = () => reject(r.error ?? new Error("read failed"));
    r.readAsArrayBuffer(file);
  });
}

export function useSetPanel(props: SetPanelProps) {
  const t = useStrings();
  const fileId = useId();
  const { onImportFile } = props;
  const onFileChange = useCallback(
    (e: ChangeEvent<HTMLInputElement>) => {
      const input = e.currentTarget;
      const file = input.files?.[0];
      if (!file) return;
      void readFileBytes(file).then((bytes) => {
        onImportFile({ name: file.name, bytes });
        input.value = "";
      });
    },
    [onImportFile]
  );
  return { t: t.set, fileId, onFileChange };
}
