/**
 * "Bố cục bảng": what the recogniser made of a foreign table, for the user to confirm before use: the
 * header rows, each column's role (changeable), the maxima of index and total columns (changeable),
 * the scale of the figures (changeable), where groups came from, what was left out and why, and the
 * indicator tree. Changes go back as layout overrides; the confirmed layout is stored in the workbook.
 */
import {
  Caption1,
  Field,
  Input,
  Select,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Indicator, LayoutOverrides, Scale, TableLayout } from "../../../engine";
import { OVERRIDE_ROLES, SCALES } from "../../../engine";
import { useStrings } from "../../i18n";

interface LayoutPanelProps {
  readonly layout: TableLayout;
  readonly indicators: readonly Indicator[];
  readonly busy: boolean;
  /** One change: a column's role ("main:CODE" for an index), a maximum, or the scale. */
  readonly onChange: (change: LayoutOverrides) => void;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  table: { borderCollapse: "collapse", width: "100%", fontSize: tokens.fontSizeBase200 },
  cell: {
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    textAlign: "left",
    verticalAlign: "middle",
  },
  max: { width: "6em" },
  tree: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
});

export function LayoutPanel(props: LayoutPanelProps) {
  const t = useStrings().set.layout;
  const styles = useStyles();
  const { layout } = props;
  const roleValue = (c: TableLayout["columns"][number]): string =>
    c.role === "main" && c.code !== undefined ? `main:${c.code}` : c.role;
  const mainCodes = props.indicators.filter((i) => i.level === "main").map((i) => i.code);
  return (
    <section className={styles.root} aria-labelledby="dti-layout-heading">
      <Subtitle2 as="h3" id="dti-layout-heading">
        {t.heading}
      </Subtitle2>
      <Text>
        {t.summary(
          layout.sheet,
          layout.headerRows.join("–"),
          layout.firstDataRow,
          layout.lastDataRow
        )}
      </Text>
      <Field label={t.scale}>
        <Select
          value={layout.scale}
          disabled={props.busy}
          onChange={(_, d) => props.onChange({ sheet: layout.sheet, scale: d.value as Scale })}
        >
          {SCALES.map((s) => (
            <option key={s} value={s}>
              {t.scales[s]}
            </option>
          ))}
        </Select>
      </Field>
      <Caption1>
        {t.scaleFrom[layout.scaleFrom]} · {t.groupsFrom[layout.groupsFrom]}
      </Caption1>
      <table className={styles.table}>
        <caption className={styles.cell}>{t.columns}</caption>
        <thead>
          <tr>
            <th className={styles.cell} scope="col">
              {t.column}
            </th>
            <th className={styles.cell} scope="col">
              {t.header}
            </th>
            <th className={styles.cell} scope="col">
              {t.role}
            </th>
            <th className={styles.cell} scope="col">
              {t.max}
            </th>
          </tr>
        </thead>
        <tbody>
          {layout.columns.map((c) => (
            <tr key={c.col}>
              <td className={styles.cell}>{c.col}</td>
              <td className={styles.cell}>
                {c.header}
                {c.reason !== undefined && <Caption1> ({t.reasons[c.reason]})</Caption1>}
              </td>
              <td className={styles.cell}>
                <Select
                  aria-label={t.roleOf(c.col)}
                  value={roleValue(c)}
                  disabled={props.busy}
                  onChange={(_, d) =>
                    props.onChange({ sheet: layout.sheet, columns: { [c.col]: d.value } })
                  }
                >
                  {OVERRIDE_ROLES.filter((r) => r !== "main").map((r) => (
                    <option key={r} value={r}>
                      {t.roles[r]}
                    </option>
                  ))}
                  {mainCodes.map((code) => (
                    <option key={code} value={`main:${code}`}>
                      {t.mainRole(code)}
                    </option>
                  ))}
                </Select>
              </td>
              <td className={styles.cell}>
                {(c.role === "main" || c.role === "total") && (
                  <Input
                    className={styles.max}
                    aria-label={t.maxOf(c.col)}
                    type="number"
                    min={0}
                    defaultValue={c.maxPoints != null ? String(c.maxPoints) : ""}
                    disabled={props.busy}
                    onBlur={(e) => {
                      const n = Number(e.currentTarget.value.replace(",", "."));
                      if (Number.isFinite(n) && n > 0 && n !== c.maxPoints)
                        props.onChange({ sheet: layout.sheet, maxima: { [c.col]: n } });
                    }}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {layout.leftOut.some((x) => !/^[A-Z]+$/.test(x.where)) && (
        <>
          <Caption1>{t.leftOut}</Caption1>
          <ul className={styles.tree}>
            {layout.leftOut
              .filter((x) => !/^[A-Z]+$/.test(x.where))
              .map((x) => (
                <li key={x.where}>
                  {t.row(x.where)}: “{x.text.slice(0, 60)}” ({t.reasons[x.reason]})
                </li>
              ))}
          </ul>
        </>
      )}
      <Caption1>{t.tree}</Caption1>
      <ul className={styles.tree}>
        {props.indicators.map((i) => (
          <li key={i.code}>
            {i.code} {i.name} ({i.maxPoints ?? t.noMax})
          </li>
        ))}
      </ul>
    </section>
  );
}
