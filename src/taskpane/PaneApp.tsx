/** The pane with its controller, inside Fluent's provider: used by Excel's page and by the preview. */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { Locale } from "../engine/model/types";
import { TaskPane } from "./components/TaskPane/TaskPane";
import type { PaneServices } from "./controller/services";
import { usePaneController } from "./controller/usePaneController";

export interface PaneAppProps {
  readonly services: PaneServices;
  readonly initialLocale?: Locale;
  readonly initialProfileId?: string;
  readonly notice?: string;
  readonly onSettled?: (what: string) => void;
}

function PaneRoot(props: PaneAppProps) {
  const model = usePaneController(props.services, {
    ...(props.initialLocale ? { initialLocale: props.initialLocale } : {}),
    ...(props.initialProfileId ? { initialProfileId: props.initialProfileId } : {}),
    ...(props.onSettled ? { onSettled: props.onSettled } : {}),
  });
  return <TaskPane model={model} {...(props.notice ? { notice: props.notice } : {})} />;
}

export function PaneApp(props: PaneAppProps) {
  return (
    <FluentProvider theme={webLightTheme}>
      <PaneRoot {...props} />
    </FluentProvider>
  );
}
