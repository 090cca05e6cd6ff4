import {
  Button,
  Card,
  Field,
  Link,
  Select,
  Subtitle2,
  Text,
  Textarea,
} from "@fluentui/react-components";
import { DocumentMultipleRegular, TableAddRegular } from "@fluentui/react-icons";
import { useSetPanelStyles } from "../SetPanel/useSetPanelStyles.styles";
import type { EntryPanelProps } from "./EntryPanel.types";
import { useEntryPanel } from "./useEntryPanel";
import { useEntryPanelStyles } from "./useEntryPanelStyles.styles";

/**
 * "Bảng nhập điểm" (on the Bộ chỉ số tab, once a set is confirmed): create the entry sheets for the
 * agencies of the "Đơn vị" sheet or typed names, and import many agencies' forms at once.
 */
export function EntryPanel(props: EntryPanelProps) {
  const v = useEntryPanel(props);
  const { t } = v;
  const styles = useSetPanelStyles();
  const own = useEntryPanelStyles();
  const { entry } = props;
  const result = entry.result;
  return (
    <Card className={own.root} aria-labelledby="dti-entry-heading">
      <Subtitle2 as="h3" id="dti-entry-heading">
        {t.heading}
      </Subtitle2>
      <Text>{t.intro}</Text>
      {entry.unitsInSheet !== null ? (
        <Text>{t.fromSheet(entry.unitsInSheet)}</Text>
      ) : (
        <>
          <Field label={t.names} hint={t.namesHint}>
            <Textarea
              value={v.names}
              onChange={(_, d) => v.setNames(d.value)}
              rows={5}
              resize="vertical"
              disabled={props.busy}
            />
          </Field>
          {props.groups.length > 0 && (
            <Field label={t.group}>
              <Select
                value={v.groupId}
                onChange={(_, d) => v.setGroupId(d.value)}
                disabled={props.busy}
              >
                {props.groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
                <option value="">{t.noGroup}</option>
              </Select>
            </Field>
          )}
        </>
      )}
      <div className={styles.row}>
        <Button
          appearance="primary"
          icon={<TableAddRegular />}
          onClick={v.create}
          disabled={props.busy}
        >
          {t.create}
        </Button>
      </div>
      <Field label={{ children: t.forms, htmlFor: v.filesId }} hint={t.formsHint}>
        <div className={styles.row}>
          <DocumentMultipleRegular aria-hidden />
          <input
            id={v.filesId}
            className={styles.file}
            type="file"
            multiple
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={v.onFilesChange}
            disabled={props.busy}
          />
        </div>
      </Field>
      {result && (
        <div className={own.result} role="status" aria-live="polite">
          <Text weight="semibold">
            {result.kind === "created"
              ? t.created(result.units, result.kept)
              : t.imported(result.imported, result.units)}
          </Text>
          <div className={styles.row}>
            <Text>{t.sheets}:</Text>
            {result.sheets.map((s) => (
              <Link key={s} as="button" onClick={() => props.onOpenSheet(s)}>
                {t.open(s)}
              </Link>
            ))}
          </div>
          {result.notes.length > 0 && (
            <>
              <Text>{t.notes}:</Text>
              <ul aria-label={t.notes} className={styles.groups}>
                {result.notes.map((n, i) => (
                  <li key={i}>{n}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </Card>
  );
}
