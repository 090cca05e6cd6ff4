import { useStrings } from "../../i18n";
import type { ErrorBarProps } from "./ErrorBar.types";

export function useErrorBar(props: ErrorBarProps) {
  const t = useStrings();
  return {
    title: t.errorTitle,
    dismissLabel: t.dismiss,
    message: props.message,
    onDismiss: props.onDismiss,
  };
}
