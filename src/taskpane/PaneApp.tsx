/** The pane with its controller, inside Fluent's provider: used by Excel's page and by the preview. */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { useEffect, useMemo } from "react";
import type { Issue, Locale } from "../engine";
import { TaskPane } from "./components/TaskPane/TaskPane";
import type { PaneServices } from "./controller/services";
import { usePaneController } from "./controller/usePaneController";

interface PaneAppProps {
  readonly services: PaneServices;
  readonly initialLocale?: Locale;
  readonly initialProfileId?: string;
  readonly notice?: string;
  readonly onSettled?: (what: string) => void;
  /** Told the pane's language (at start and on every switch): the preview's grid follows it. */
  readonly onLocaleChange?: (locale: Locale) => void;
}

function PaneRoot(props: PaneAppProps) {
  const model = usePaneController(props.services, {
    ...(props.initialLocale ? { initialLocale: props.initialLocale } : {}),
    ...(props.initialProfileId ? { initialProfileId: props.initialProfileId } : {}),
    ...(props.onSettled ? { onSettled: props.onSettled } : {}),
  });
  const { onLocaleChange } = props;
  useEffect(() => onLocaleChange?.(model.locale), [onLocaleChange, model.locale]);
  const { services } = props;
  const rules = useMemo(
    () => ({
      presets: services.presets(),
      onWrite: (presetId: string, replaceChanged: boolean) =>
        services.writeRules(presetId, replaceChanged),
      onStatus: () => services.rulesStatus(),
      onGoTo: (i: Issue) => {
        if (i.cell !== undefined) void services.select(i.cell.sheet, i.cell.cell);
      },
    }),
    [services]
  );
  return (
    <TaskPane model={model} rules={rules} {...(props.notice ? { notice: props.notice } : {})} />
  );
}

export function PaneApp(props: PaneAppProps) {
  return (
    <FluentProvider theme={webLightTheme}>
      <PaneRoot {...props} />
    </FluentProvider>
  );
}
