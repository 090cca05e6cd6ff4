import {
  Badge,
  Button,
  Link,
  mergeClasses,
  Subtitle2,
  Switch,
  Text,
} from "@fluentui/react-components";
import { ArrowClockwiseRegular } from "@fluentui/react-icons";
import type { ProgressPanelProps } from "./ProgressPanel.types";
import { useProgressPanel } from "./useProgressPanel";
import { useProgressPanelStyles } from "./useProgressPanelStyles.styles";

/**
 * "Tiến độ": per agency, whether its form was imported, how many scores are entered and appraised,
 * and how many lack evidence; agencies by ranking group, with the totals first. The figures come
 * from the engine (entryProgress) through the controller: nothing is counted here.
 */
export function ProgressPanel(props: ProgressPanelProps) {
  const { t, onlyUnfinished, setOnlyUnfinished, groups } = useProgressPanel(props);
  const styles = useProgressPanelStyles();
  const p = props.progress;
  return (
    <section className={styles.root} aria-labelledby="dti-progress-heading">
      <div className={styles.head}>
        <Subtitle2 as="h2" id="dti-progress-heading">
          {t.heading}
        </Subtitle2>
        {props.ready && (
          <Button icon={<ArrowClockwiseRegular />} onClick={props.onRefresh} disabled={props.busy}>
            {t.refresh}
          </Button>
        )}
      </div>
      {props.errorBar}
      {!props.ready ? (
        <Text>{t.notLoaded}</Text>
      ) : p.kind === "none" ? (
        <Text role="status">{t.reading}</Text>
      ) : p.kind === "unreadable" ? (
        <div role="status">
          <Text>{t.unreadable}</Text>
          <ul>
            {p.problems.map((text, i) => (
              <li key={i}>{text}</li>
            ))}
          </ul>
        </div>
      ) : (
        <>
          <ul className={styles.totals} aria-label={t.summary}>
            <li>{t.forms(p.totals.forms, p.totals.units)}</li>
            <li>{t.entered(p.totals.entered, p.totals.toEnter)}</li>
            <li>{t.appraised(p.totals.appraised, p.totals.toEnter)}</li>
            <li>{t.missingEvidence(p.totals.missingEvidence)}</li>
            <li>{t.done(p.totals.done, p.totals.units)}</li>
          </ul>
          <Switch
            label={t.onlyUnfinished}
            checked={onlyUnfinished}
            onChange={(_, d) => setOnlyUnfinished(d.checked)}
          />
          {groups.length === 0 && <Text>{t.allDone}</Text>}
          {groups.map((g) => {
            const name = g.name === "" ? t.noGroup : g.name;
            return (
              <section key={g.id} aria-label={name}>
                <Subtitle2 as="h3">{name}</Subtitle2>
                <ul className={styles.list} aria-label={t.list(name)}>
                  {g.units.map((u) => (
                    <li key={u.id} className={mergeClasses(styles.item, u.done && styles.done)}>
                      <div className={styles.nameRow}>
                        <Text weight="semibold">{u.name}</Text>
                        {u.done && (
                          <Badge appearance="tint" color="success">
                            {t.unitDone}
                          </Badge>
                        )}
                        {u.cell !== null && (
                          <Link
                            as="button"
                            aria-label={t.goToLabel(u.name)}
                            onClick={() => u.cell && props.onGoTo(u.cell)}
                          >
                            {t.goTo}
                          </Link>
                        )}
                      </div>
                      <Text size={200}>{u.formFile !== null ? t.form(u.formFile) : t.noForm}</Text>
                      <div className={styles.figures}>
                        <Text size={200}>{t.unitEntered(u.entered, u.toEnter)}</Text>
                        <Text size={200}>{t.unitAppraised(u.appraised, u.toEnter)}</Text>
                        {u.missingEvidence > 0 && (
                          <Text size={200}>{t.unitMissing(u.missingEvidence)}</Text>
                        )}
                        {u.errors > 0 && <Text size={200}>{t.unitErrors(u.errors)}</Text>}
                      </div>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </>
      )}
    </section>
  );
}
