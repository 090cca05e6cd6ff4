import { useEffect, useRef } from "react";
import { useStrings } from "../../i18n";
import type { ErrorBarProps } from "./ErrorBar.types";

export function useErrorBar(props: ErrorBarProps) {
  const t = useStrings();
  // A new message takes the focus (keyboard and screen-reader users land on it).
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (props.message !== null) ref.current?.focus();
  }, [props.message]);
  return {
    ref,
    title: t.errorTitle,
    dismissLabel: t.dismiss,
    message: props.message,
    onDismiss: props.onDismiss,
    action: props.action ?? null,
  };
}
