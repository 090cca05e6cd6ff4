import { useCallback, useEffect, useState } from "react";
import { useLocale, useStrings } from "../../i18n";
import type { RulesStatus } from "../../controller/services";
import type { RulesCardProps } from "./RulesCard.types";

/** The rules card's own state: the chosen preset, the status read from the workbook, a kept change. */
export function useRulesCard(props: RulesCardProps) {
  const t = useStrings().rules;
  const locale = useLocale();
  const [presetId, setPresetId] = useState(props.initialPresetId ?? props.presets[0]?.id ?? "");
  const [status, setStatus] = useState<RulesStatus | null>(null);
  const [keptChanged, setKeptChanged] = useState(false);
  const [working, setWorking] = useState(false);
  const { onStatus, onWrite } = props;
  const refresh = useCallback(async () => {
    setStatus(await onStatus());
  }, [onStatus]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const write = useCallback(
    async (replaceChanged: boolean) => {
      setWorking(true);
      try {
        const r = await onWrite(presetId, replaceChanged);
        setKeptChanged(!r.ok && r.issues.some((i) => i.code === "rules_changed"));
        await refresh();
      } finally {
        setWorking(false);
      }
    },
    [onWrite, presetId, refresh]
  );
  return { t, locale, presetId, setPresetId, status, keptChanged, working, write, refresh };
}
