import {
  Button,
  Card,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  Text,
} from "@fluentui/react-components";
import {
  CheckmarkRegular,
  DocumentArrowUpRegular,
  TableSearchRegular,
} from "@fluentui/react-icons";
import { LayoutPanel } from "../LayoutPanel/LayoutPanel";
import { ScaleQuestionBar } from "../LayoutPanel/ScaleQuestion";
import type { SetPanelProps } from "./SetPanel.types";
import { useSetPanel } from "./useSetPanel";
import { useSetPanelStyles } from "./useSetPanelStyles.styles";

/** "Bộ chỉ số": recognise the active sheet, import a file or pick built-in rules; review; confirm. */
export function SetPanel(props: SetPanelProps) {
  const { t, fileId, onFileChange } = useSetPanel(props);
  const styles = useSetPanelStyles();
  const { loaded } = props;
  return (
    <section className={styles.root} aria-labelledby="dti-set-heading">
      <Subtitle2 as="h2" id="dti-set-heading">
        {t.heading}
      </Subtitle2>
      <Text>{t.intro}</Text>
      <Field label={t.profile} hint={t.profileHint}>
        <Select
          value={props.profileId}
          onChange={(_, d) => props.onProfileChange(d.value)}
          disabled={props.busy}
        >
          {props.profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.row}>
        <Button
          appearance="primary"
          icon={<TableSearchRegular />}
          onClick={props.onRecognizeSheet}
          disabled={props.busy}
        >
          {t.fromSheet}
        </Button>
        <Button onClick={props.onUseProfile} disabled={props.busy}>
          {t.useProfile}
        </Button>
      </div>
      <Field label={{ children: t.fromFile, htmlFor: fileId }} hint={t.fromFileHint}>
        <div className={styles.row}>
          <DocumentArrowUpRegular aria-hidden />
          <input
            id={fileId}
            className={styles.file}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={onFileChange}
            disabled={props.busy}
          />
        </div>
      </Field>
      {props.scaleQuestion && props.onLayoutChange && (
        <ScaleQuestionBar
          question={props.scaleQuestion}
          busy={props.busy}
          onChange={props.onLayoutChange}
        />
      )}
      {loaded && (
        <Card aria-labelledby="dti-loaded-heading">
          <Subtitle2 as="h3" id="dti-loaded-heading">
            {t.loaded}
          </Subtitle2>
          <dl className={styles.summary}>
            <dt className={styles.term}>{t.name}</dt>
            <dd className={styles.def}>{loaded.name}</dd>
            <dt className={styles.term}>{t.source}</dt>
            <dd className={styles.def}>{loaded.source}</dd>
            <dt className={styles.term}>{t.groups}</dt>
            <dd className={styles.def}>
              <ul className={styles.groups}>
                {loaded.groups.map((g) => (
                  <li key={g.name}>{t.groupLine(g.name, g.maxPoints)}</li>
                ))}
              </ul>
            </dd>
            <dt className={styles.term}>{t.mainIndices}</dt>
            <dd className={styles.def}>{loaded.mainIndices}</dd>
            <dt className={styles.term}>{t.components}</dt>
            <dd className={styles.def}>{loaded.components}</dd>
            <dt className={styles.term}>{t.maxPoints}</dt>
            <dd className={styles.def}>{loaded.maxPoints}</dd>
            {loaded.units !== null && (
              <>
                <dt className={styles.term}>{t.units}</dt>
                <dd className={styles.def}>{loaded.units}</dd>
              </>
            )}
          </dl>
          {loaded.layout !== undefined && props.onLayoutChange !== undefined && (
            <LayoutPanel
              layout={loaded.layout}
              indicators={loaded.indicators ?? []}
              busy={props.busy || props.confirmed}
              onChange={props.onLayoutChange}
            />
          )}
          {loaded.issues > 0 && <Text>{t.issuesWhileLoading(loaded.issues)}</Text>}
          {props.confirmed ? (
            <MessageBar intent="success">
              <MessageBarBody>{t.confirmed}</MessageBarBody>
            </MessageBar>
          ) : (
            <Button
              appearance="primary"
              icon={<CheckmarkRegular />}
              onClick={props.onConfirm}
              disabled={props.busy}
            >
              {t.confirm}
            </Button>
          )}
        </Card>
      )}
    </section>
  );
}
