import { useCallback, useId, useState, type ChangeEvent } from "react";
import { useStrings } from "../../i18n";
import { readFileBytes } from "../SetPanel/useSetPanel";
import type { EntryPanelProps } from "./EntryPanel.types";

export function useEntryPanel(props: EntryPanelProps) {
  const t = useStrings().set.entry;
  const filesId = useId();
  const [names, setNames] = useState("");
  const [groupId, setGroupId] = useState<string>(props.groups[0]?.id ?? "");
  const { onImportForms, onCreate } = props;

  const create = useCallback(
    () => onCreate(names.split(/\r?\n/), groupId === "" ? null : groupId),
    [onCreate, names, groupId]
  );

  const onFilesChange = useCallback(
    (e: ChangeEvent<HTMLInputElement>) => {
      const input = e.currentTarget;
      const files = [...(input.files ?? [])];
      if (files.length === 0) return;
      void Promise.all(
        files.map(async (f) => ({ fileName: f.name, bytes: await readFileBytes(f) }))
      ).then((read) => {
        onImportForms(read);
        input.value = "";
      });
    },
    [onImportForms]
  );

  return { t, filesId, names, setNames, groupId, setGroupId, create, onFilesChange };
}
