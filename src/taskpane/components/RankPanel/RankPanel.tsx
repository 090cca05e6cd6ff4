import {
  Button,
  Checkbox,
  Field,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Radio,
  RadioGroup,
  Select,
  Subtitle2,
  Text,
} from "@fluentui/react-components";
import { DocumentTableRegular, TrophyRegular } from "@fluentui/react-icons";
import type { RankPanelProps } from "./RankPanel.types";
import { ROUNDING_STAGES, TIE_POLICIES, useRankPanel } from "./useRankPanel";
import { useRankPanelStyles } from "./useRankPanelStyles.styles";

/** "Xếp hạng": options and the one-click build, with progress and links to the sheets made. */
export function RankPanel(props: RankPanelProps) {
  const s = useRankPanel(props);
  const { t } = s;
  const styles = useRankPanelStyles();
  const o = props.options;
  return (
    <section className={styles.root} aria-labelledby="dti-rank-heading">
      <Subtitle2 as="h2" id="dti-rank-heading">
        {t.heading}
      </Subtitle2>
      {!props.ready ? (
        <Text>{t.notLoaded}</Text>
      ) : (
        <>
          <fieldset className={styles.fieldset}>
            <legend>{t.groups}</legend>
            {props.groups.map((g) => (
              <Checkbox
                key={g.id}
                label={g.name}
                checked={o.groups.includes(g.id)}
                onChange={(_, d) => s.toggleGroup(g.id, d.checked === true)}
              />
            ))}
          </fieldset>
          <Field label={t.tiePolicy}>
            <RadioGroup value={o.tiePolicy} onChange={(_, d) => s.setTiePolicy(d.value)}>
              {TIE_POLICIES.map((p) => (
                <Radio key={p} value={p} label={t.ties[p]} />
              ))}
            </RadioGroup>
          </Field>
          <div className={styles.row}>
            <Field label={t.rounding}>
              <Select value={o.roundingStage} onChange={(_, d) => s.setStage(d.value)}>
                {ROUNDING_STAGES.map((st) => (
                  <option key={st} value={st}>
                    {t.roundingStages[st]}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t.decimals}>
              <Select value={String(o.decimals)} onChange={(_, d) => s.setDecimals(d.value)}>
                {[0, 1, 2, 3, 4].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <Field label={t.lastYear}>
            <Select value={o.lastYearSheet ?? ""} onChange={(_, d) => s.setLastYear(d.value)}>
              <option value="">{t.noLastYear}</option>
              {props.sheets.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </Select>
          </Field>
          <div className={styles.row}>
            <Button
              appearance="primary"
              icon={<TrophyRegular />}
              onClick={props.onBuild}
              disabled={!s.canBuild}
            >
              {t.build}
            </Button>
            {props.onBuildAppendix && (
              <Button
                icon={<DocumentTableRegular />}
                onClick={props.onBuildAppendix}
                disabled={!s.canBuild}
                title={t.appendixHint}
              >
                {t.appendix}
              </Button>
            )}
          </div>
          {props.pending && (
            <div ref={s.askRef} tabIndex={-1} className={styles.focusTarget}>
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>{t.askTitle(props.pending.errors.length)}</MessageBarTitle>
                  <Text block>{t.askBody}</Text>
                  <ul className={styles.links} aria-label={t.errorsLabel}>
                    {props.pending.errors.slice(0, 8).map((e) => (
                      <li key={e.key}>
                        {props.onGoTo && e.where !== "" ? (
                          <Link as="button" onClick={() => props.onGoTo?.(e)}>
                            {e.where}
                          </Link>
                        ) : null}{" "}
                        <Text>{e.text}</Text>
                      </li>
                    ))}
                  </ul>
                  {props.pending.errors.length > 8 && (
                    <Text>{t.askMore(props.pending.errors.length - 8)}</Text>
                  )}
                </MessageBarBody>
                <MessageBarActions>
                  <Button appearance="primary" onClick={props.onBuildAnyway}>
                    {t.buildAnyway}
                  </Button>
                  <Button onClick={props.onFixFirst}>{t.fixFirst}</Button>
                </MessageBarActions>
              </MessageBar>
            </div>
          )}
          {props.errorBar}
          {props.building && (
            <Field
              validationMessage={props.step ? t.step(props.step) : t.building}
              validationState="none"
            >
              <ProgressBar
                aria-label={t.building}
                aria-valuetext={props.step ? t.step(props.step) : undefined}
                {...(props.progress !== null ? { value: props.progress } : {})}
              />
            </Field>
          )}
          {props.result && !props.building && (
            <div ref={s.resultRef} tabIndex={-1} className={styles.focusTarget}>
              <MessageBar intent="success">
                <MessageBarBody>
                  <Text>{t.units(props.result.units)}</Text> <Text>{t.done}</Text>
                  <ul className={styles.links}>
                    {props.result.sheets.map((sh) => (
                      <li key={sh}>
                        <Link
                          as="button"
                          onClick={() => props.onOpenSheet(sh)}
                          aria-label={t.open(sh)}
                        >
                          {sh}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </MessageBarBody>
              </MessageBar>
            </div>
          )}
        </>
      )}
    </section>
  );
}
