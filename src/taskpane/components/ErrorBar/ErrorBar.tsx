import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import { DismissRegular } from "@fluentui/react-icons";
import type { ErrorBarProps } from "./ErrorBar.types";
import { useErrorBar } from "./useErrorBar";
import { useErrorBarStyles } from "./useErrorBarStyles.styles";

/** An error in plain words (never a stack trace), dismissible. */
export function ErrorBar(props: ErrorBarProps) {
  const s = useErrorBar(props);
  const styles = useErrorBarStyles();
  if (s.message === null) return null;
  return (
    <div ref={s.ref} tabIndex={-1}>
      <MessageBar intent="error" className={styles.root} role="alert">
        <MessageBarBody className={styles.text}>
          <MessageBarTitle>{s.title}</MessageBarTitle>
          {s.message}
        </MessageBarBody>
        <MessageBarActions
          containerAction={
            <Button
              appearance="transparent"
              aria-label={s.dismissLabel}
              icon={<DismissRegular />}
              onClick={s.onDismiss}
            />
          }
        >
          {s.action && (
            <Button appearance="secondary" size="small" onClick={s.action.onClick}>
              {s.action.label}
            </Button>
          )}
        </MessageBarActions>
      </MessageBar>
    </div>
  );
}
