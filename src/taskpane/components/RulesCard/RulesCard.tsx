import {
  Button,
  Card,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  Text,
} from "@fluentui/react-components";
import { issueText } from "../../../engine";
import type { RulesCardProps } from "./RulesCard.types";
import { useRulesCard } from "./useRulesCard";
import { useRulesCardStyles } from "./useRulesCardStyles.styles";

/** The rules sheet ("Quy tắc"): write it from a preset, say which rules apply, list its issues with links. */
export function RulesCard(props: RulesCardProps) {
  const { t, locale, presetId, setPresetId, status, keptChanged, working, write, refresh } =
    useRulesCard(props);
  const styles = useRulesCardStyles();
  const busy = props.busy || working;
  return (
    <Card aria-labelledby="dti-rules-heading">
      <div className={styles.root}>
        <Subtitle2 as="h3" id="dti-rules-heading">
          {t.heading}
        </Subtitle2>
        <Text>{t.intro}</Text>
        <Field label={t.preset}>
          <Select value={presetId} onChange={(_, d) => setPresetId(d.value)} disabled={busy}>
            {props.presets.map((p) => (
              <option key={p.id} value={p.id}>
                {locale === "en" ? p.nameEn : p.name}
              </option>
            ))}
          </Select>
        </Field>
        <div className={styles.row}>
          <Button appearance="primary" onClick={() => void write(false)} disabled={busy}>
            {t.write}
          </Button>
          {keptChanged && (
            <Button onClick={() => void write(true)} disabled={busy}>
              {t.replace}
            </Button>
          )}
          <Button onClick={() => void refresh()} disabled={busy}>
            {t.refresh}
          </Button>
        </div>
        {keptChanged && (
          <MessageBar intent="warning">
            <MessageBarBody>{t.changedKept}</MessageBarBody>
          </MessageBar>
        )}
        {status !== null && (
          <Text role="status">
            {status.sheet === null
              ? t.none
              : t.inForce(status.name, status.presetId, status.changed)}
          </Text>
        )}
        {status !== null && status.sheet !== null && !status.complete && (
          <MessageBar intent="error">
            <MessageBarBody>{t.incomplete}</MessageBarBody>
          </MessageBar>
        )}
        {status !== null && status.issues.length > 0 && (
          <ul className={styles.issues} aria-label={t.heading}>
            {status.issues.map((i, k) => (
              <li key={k}>
                {i.cell !== undefined && (
                  <>
                    <Link onClick={() => props.onGoTo(i)}>{t.goTo(i.cell.cell)}</Link>{" "}
                  </>
                )}
                {issueText(i, locale)}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
