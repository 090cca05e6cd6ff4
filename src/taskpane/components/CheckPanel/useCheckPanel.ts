import { useMemo, useState } from "react";
import type { Severity } from "../../../engine";
import type { IssueView } from "../../controller/types";
import { useLocale, useStrings } from "../../i18n";
import { issueKindName } from "../../i18n/issue-kinds";
import type { UnitCounts } from "../../i18n/vi";
import type { CheckPanelProps, IssueFilters } from "./CheckPanel.types";

const ALL = "";

/** Distinct non-empty values, sorted naturally ("1.2" before "1.10"). */
function distinct(values: readonly (string | null)[]): string[] {
  const set = new Set(values.filter((v): v is string => v !== null && v !== ""));
  return [...set].sort((a, b) => a.localeCompare(b, "vi", { numeric: true }));
}

export function useCheckPanel(props: CheckPanelProps) {
  const t = useStrings();
  const locale = useLocale();
  const [filters, setFilters] = useState<IssueFilters>({ unit: ALL, indicator: ALL, code: ALL });
  const [pendingFix, setPendingFix] = useState<IssueView | null>(null);
  const [askingAll, setAskingAll] = useState(false);
  /** Issues a quick fix can put right (all of them, whatever the filters). */
  const fixable = useMemo(() => props.issues.filter((i) => i.fix !== null).length, [props.issues]);

  const options = useMemo(
    () => ({
      units: distinct(props.issues.map((i) => i.unit)),
      indicators: distinct(props.issues.map((i) => i.indicator)),
      // Kinds by their Vietnamese (or English) name, never the raw code.
      codes: [...new Set(props.issues.map((i) => i.issue.code))]
        .map((code) => ({ code, name: issueKindName(code, locale) }))
        .sort((a, b) => a.name.localeCompare(b.name, locale)),
    }),
    [props.issues, locale]
  );

  const visible = useMemo(
    () =>
      props.issues.filter(
        (i) =>
          (filters.unit === ALL || i.unit === filters.unit) &&
          (filters.indicator === ALL || i.indicator === filters.indicator) &&
          (filters.code === ALL || i.issue.code === filters.code)
      ),
    [props.issues, filters]
  );

  // The grouped view: one row per agency with its counts (over the filtered issues).
  const [grouped, setGrouped] = useState(false);
  const byUnit = useMemo(() => {
    const groups = new Map<string, UnitCounts & { unit: string | null }>();
    for (const i of visible) {
      const key = i.unit ?? "";
      const g = groups.get(key) ?? { unit: i.unit, error: 0, warning: 0, info: 0, blank: 0 };
      const part = i.issue.code === "score_blank" ? "blank" : i.severity;
      groups.set(key, { ...g, [part]: g[part] + 1 });
    }
    // Agencies with errors first, then the most blanks, then by name; issues of no agency last.
    return [...groups.values()].sort(
      (a, b) =>
        Number(a.unit === null) - Number(b.unit === null) ||
        b.error - a.error ||
        b.blank - a.blank ||
        (a.unit ?? "").localeCompare(b.unit ?? "", "vi", { numeric: true })
    );
  }, [visible]);

  const counts = useMemo(() => {
    const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const i of props.issues) c[i.severity]++;
    return c;
  }, [props.issues]);

  return {
    t: t.check,
    filters,
    setFilter: (key: keyof IssueFilters, value: string) =>
      setFilters((f) => ({ ...f, [key]: value })),
    options,
    visible,
    grouped,
    setGrouped,
    byUnit,
    /** From the grouped view to the list of one agency's problems. */
    showUnit: (unit: string | null) => {
      setFilters((f) => ({ ...f, unit: unit ?? ALL }));
      setGrouped(false);
    },
    counts,
    pendingFix,
    fixable,
    askingAll,
    askFixAll: () => setAskingAll(true),
    cancelFixAll: () => setAskingAll(false),
    confirmFixAll: () => {
      setAskingAll(false);
      props.onFixAll?.();
    },
    askFix: (issue: IssueView) => setPendingFix(issue),
    cancelFix: () => setPendingFix(null),
    confirmFix: () => {
      if (pendingFix) props.onFix(pendingFix);
      setPendingFix(null);
    },
  };
}
