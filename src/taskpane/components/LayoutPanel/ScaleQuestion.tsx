/**
 * When a table's scale cannot be told (0,8125 under "Kết quả": points or a 0..1 index?), the pane asks:
 * one button per possible reading; the answer re-reads the table with that scale (never a guess).
 */
import { Button, MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { Issue, LayoutOverrides, Scale } from "../../../engine";
import { SCALES } from "../../../engine";
import { useStrings } from "../../i18n";

export interface ScaleQuestion {
  readonly sheet: string;
  readonly column: string;
  readonly header: string;
  readonly values: string;
  readonly choices: readonly Scale[];
}

/** The question a scale_ambiguous refusal asks, or null. */
export function scaleQuestionOf(issues: readonly Issue[]): ScaleQuestion | null {
  const i = issues.find((x) => x.code === "scale_ambiguous");
  if (i === undefined) return null;
  const choices = String(i.params["choices"] ?? "")
    .split("|")
    .map((s) => s.trim())
    .filter((s): s is Scale => SCALES.includes(s as Scale));
  return {
    sheet: i.cell?.sheet ?? "",
    column: String(i.params["column"] ?? ""),
    header: String(i.params["header"] ?? ""),
    values: String(i.params["values"] ?? ""),
    choices,
  };
}

export function ScaleQuestionBar(props: {
  readonly question: ScaleQuestion;
  readonly busy: boolean;
  readonly onChange: (change: LayoutOverrides) => void;
}) {
  const t = useStrings().set.layout;
  const q = props.question;
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t.askScale(q.column, q.header)}</MessageBarTitle>
        {t.askScaleValues(q.values)}
        <div>
          {q.choices.map((s) => (
            <Button
              key={s}
              disabled={props.busy}
              onClick={() => props.onChange({ ...(q.sheet ? { sheet: q.sheet } : {}), scale: s })}
            >
              {t.scales[s]}
            </Button>
          ))}
        </div>
      </MessageBarBody>
    </MessageBar>
  );
}
