import { Subtitle2, Text } from "@fluentui/react-components";
import { Fragment } from "react";
import type { ExplainPanelProps } from "./ExplainPanel.types";
import { useExplainPanel } from "./useExplainPanel";
import { useExplainPanelStyles } from "./useExplainPanelStyles.styles";

/** "Giải thích": how the selected cell's number was obtained (method, inputs, rule, source). */
export function ExplainPanel(props: ExplainPanelProps) {
  const { t, state } = useExplainPanel(props);
  const styles = useExplainPanelStyles();
  return (
    <section className={styles.root} aria-labelledby="dti-explain-heading" aria-live="polite">
      <Subtitle2 as="h2" id="dti-explain-heading">
        {t.heading}
      </Subtitle2>
      {state.kind === "none" && <Text>{t.pick}</Text>}
      {state.kind === "not-a-result" && <Text>{t.nothing(state.cell)}</Text>}
      {state.kind === "explained" && (
        <dl className={styles.list} aria-label={t.heading}>
          <dt className={styles.term}>{t.cell}</dt>
          <dd className={styles.strong}>{state.view.cell}</dd>
          {state.view.unit !== null && (
            <>
              <dt className={styles.term}>{t.unit}</dt>
              <dd className={styles.def}>{state.view.unit}</dd>
            </>
          )}
          {state.view.indicator !== null && (
            <>
              <dt className={styles.term}>{t.indicator}</dt>
              <dd className={styles.def}>{state.view.indicator}</dd>
            </>
          )}
          <dt className={styles.term}>{t.points}</dt>
          <dd className={styles.strong}>{state.view.points}</dd>
          <dt className={styles.term}>{t.method}</dt>
          <dd className={styles.def}>{state.view.method}</dd>
          <dt className={styles.term}>{t.rule}</dt>
          <dd className={styles.def}>{state.view.rule}</dd>
          {state.view.inputs.map((i) => (
            <Fragment key={i.label}>
              <dt className={styles.term}>{i.label}</dt>
              <dd className={styles.def}>{i.value}</dd>
            </Fragment>
          ))}
          <dt className={styles.term}>{t.source}</dt>
          <dd className={styles.def}>{state.view.source}</dd>
        </dl>
      )}
    </section>
  );
}
