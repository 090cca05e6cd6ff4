import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  mergeClasses,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Select,
  Subtitle2,
  Switch,
  Text,
} from "@fluentui/react-components";
import { ArrowClockwiseRegular, ArrowUndoRegular, WrenchRegular } from "@fluentui/react-icons";
import type { Severity } from "../../../engine";
import type { CheckPanelProps } from "./CheckPanel.types";
import { useCheckPanel } from "./useCheckPanel";
import { useCheckPanelStyles } from "./useCheckPanelStyles.styles";

const BADGE: Record<Severity, "danger" | "warning" | "informative"> = {
  error: "danger",
  warning: "warning",
  info: "informative",
};

/** "Kiểm tra": the live issue list with counts, filters, go-to-cell and confirmed safe fixes. */
export function CheckPanel(props: CheckPanelProps) {
  const s = useCheckPanel(props);
  const { t } = s;
  const styles = useCheckPanelStyles();
  return (
    <section className={styles.root} aria-labelledby="dti-check-heading">
      <Subtitle2 as="h2" id="dti-check-heading">
        {t.heading}
      </Subtitle2>
      {!props.ready ? (
        <Text>{t.notLoaded}</Text>
      ) : (
        <>
          <Text size={200}>{t.live}</Text>
          {props.lastFix && (
            <MessageBar intent="success" layout="multiline">
              <MessageBarBody>
                {(props.lastFix.count ?? 1) > 1
                  ? t.fixedAll(props.lastFix.count ?? 1, props.lastFix.refused ?? 0)
                  : t.fixed(props.lastFix.cell, props.lastFix.before, props.lastFix.after)}
              </MessageBarBody>
              {props.onUndo && (
                <MessageBarActions>
                  <Button
                    icon={<ArrowUndoRegular />}
                    onClick={props.onUndo}
                    disabled={props.busy}
                    aria-label={
                      (props.lastFix.count ?? 1) > 1
                        ? t.undoAllLabel(props.lastFix.count ?? 1)
                        : t.undoLabel(props.lastFix.cell)
                    }
                  >
                    {t.undo}
                  </Button>
                </MessageBarActions>
              )}
            </MessageBar>
          )}
          <div className={styles.counts} role="status" aria-label={t.counts} aria-live="polite">
            {(["error", "warning", "info"] as const).map((sev) => (
              <span key={sev} className={styles.count} data-testid={`count-${sev}`}>
                <Badge appearance="filled" color={BADGE[sev]} aria-hidden>
                  {s.counts[sev]}
                </Badge>
                <Text>
                  {t.severity[sev]}: {s.counts[sev]}
                </Text>
              </span>
            ))}
          </div>
          <div className={styles.filters}>
            <Field label={t.filterUnit}>
              <Select value={s.filters.unit} onChange={(_, d) => s.setFilter("unit", d.value)}>
                <option value="">{t.all}</option>
                {s.options.units.map((u) => (
                  <option key={u}>{u}</option>
                ))}
              </Select>
            </Field>
            <Field label={t.filterIndicator}>
              <Select
                value={s.filters.indicator}
                onChange={(_, d) => s.setFilter("indicator", d.value)}
              >
                <option value="">{t.all}</option>
                {s.options.indicators.map((u) => (
                  <option key={u}>{u}</option>
                ))}
              </Select>
            </Field>
            <Field label={t.filterCode}>
              <Select value={s.filters.code} onChange={(_, d) => s.setFilter("code", d.value)}>
                <option value="">{t.all}</option>
                {s.options.codes.map((u) => (
                  <option key={u.code} value={u.code}>
                    {u.name}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <div className={styles.actions}>
            <Button
              icon={<ArrowClockwiseRegular />}
              onClick={props.onRecheck}
              disabled={props.busy}
            >
              {t.recheck}
            </Button>
            {props.onFixAll && s.fixable > 1 && (
              <Button
                icon={<WrenchRegular />}
                onClick={s.askFixAll}
                disabled={props.busy}
                aria-label={t.fixAllLabel(s.fixable)}
              >
                {t.fixAll(s.fixable)}
              </Button>
            )}
          </div>
          {props.issues.length > 0 && (
            <Switch
              label={t.groupByUnit}
              checked={s.grouped}
              onChange={(_, d) => s.setGrouped(d.checked)}
            />
          )}
          {s.visible.length === 0 ? (
            <Text>{props.issues.length === 0 ? t.none : t.noneFiltered}</Text>
          ) : s.grouped ? (
            <ul className={styles.list} aria-label={t.byUnitList}>
              {s.byUnit.map((g) => (
                <li key={g.unit ?? ""} className={mergeClasses(styles.item, styles.unitRow)}>
                  <Text>
                    <Text weight="semibold">{g.unit ?? t.noUnit}</Text>: {t.unitSummary(g)}
                  </Text>
                  {g.unit !== null && (
                    <Button
                      size="small"
                      onClick={() => s.showUnit(g.unit)}
                      aria-label={t.showUnitLabel(g.unit)}
                    >
                      {t.showUnit}
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <ul className={styles.list} aria-label={t.list}>
              {s.visible.map((i) => (
                <li key={i.key} className={mergeClasses(styles.item, styles[i.severity])}>
                  <span className={styles.head}>
                    <Badge appearance="tint" color={BADGE[i.severity]}>
                      {t.severityOne[i.severity]}
                    </Badge>
                    {i.where && <Text weight="semibold">{i.where}</Text>}
                  </span>
                  <Text>{i.text}</Text>
                  <span className={styles.actions}>
                    {i.issue.cell && (
                      <Button size="small" onClick={() => props.onGoTo(i)}>
                        {t.goTo(i.issue.cell.cell)}
                      </Button>
                    )}
                    {i.fix && (
                      <Button
                        size="small"
                        appearance="primary"
                        icon={<WrenchRegular />}
                        onClick={() => s.askFix(i)}
                        disabled={props.busy}
                        aria-label={`${t.fix} ${i.issue.cell?.cell ?? ""}`.trim()}
                      >
                        {t.fix}
                      </Button>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <Dialog open={s.pendingFix !== null} onOpenChange={(_, d) => !d.open && s.cancelFix()}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t.fixTitle(s.pendingFix?.issue.cell?.cell ?? "")}</DialogTitle>
            <DialogContent>
              {s.pendingFix?.fix ? t.fixBody(s.pendingFix.fix.before, s.pendingFix.fix.after) : ""}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={s.confirmFix}>
                {t.fixConfirm}
              </Button>
              <Button onClick={s.cancelFix}>{t.cancel}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      <Dialog open={s.askingAll} onOpenChange={(_, d) => !d.open && s.cancelFixAll()}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t.fixAllTitle(s.fixable)}</DialogTitle>
            <DialogContent>{t.fixAllBody}</DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={s.confirmFixAll}>
                {t.fixAllConfirm}
              </Button>
              <Button onClick={s.cancelFixAll}>{t.cancel}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </section>
  );
}
