import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { a1, type CellValue, parseA1 } from "../../engine";
import type { SheetSnapshot } from "../../workbook/memory/memory-workbook";
import { chartSeries } from "../chart-data";
import { formatNumber } from "../number-format";
import { displayValue, parseClipboard, typedValue } from "../typed-input";
import type { WorkbookViewProps } from "./WorkbookView.types";

interface GridCell {
  readonly address: string;
  readonly text: string;
  readonly isNumber: boolean;
  readonly fill: string | undefined;
  readonly bold: boolean;
}

/** Minimum grid size so an empty sheet still shows cells to type in. */
const MIN_ROWS = 20;
const MIN_COLS = 8;

export function useWorkbookView(props: WorkbookViewProps) {
  const wb = props.workbook;
  const locale = props.locale ?? "vi";
  // Re-render on every workbook change (port writes and user edits).
  const version = useSyncExternalStore(
    useCallback((cb: () => void) => wb.subscribe(cb), [wb]),
    () => versionOf(wb)
  );
  const sheets = useMemo(
    () => wb.sheetNames().filter((n) => !wb.snapshot(n).hidden),
    // `version` is the change signal: the workbook object itself stays the same.
    [wb, version]
  );
  const [active, setActive] = useState<string>(() => sheets[0] ?? "");
  const [selected, setSelected] = useState<string>("A1");
  const [editing, setEditingState] = useState<{ cell: string; text: string } | null>(null);
  const editingRef = useRef<{ cell: string; text: string } | null>(null);
  const tableRef = useRef<HTMLTableElement | null>(null);
  const typeAheadRef = useRef<HTMLInputElement | null>(null);
  const setEditing = useCallback((e: { cell: string; text: string } | null) => {
    editingRef.current = e;
    setEditingState(e);
  }, []);
  const lastPortSelection = useRef(wb.selection);

  // The add-in selected a cell (go to cell, open sheet): follow it, and tell the pane, as Excel does.
  useEffect(() => {
    const sel = wb.selection;
    if (sel && sel !== lastPortSelection.current) {
      lastPortSelection.current = sel;
      setActive(sel.sheet);
      setSelected(sel.cell);
      props.selection.emit({ sheet: sel.sheet, cell: sel.cell });
    }
  }, [version, wb, props.selection]);

  const sheet = sheets.includes(active) ? active : (sheets[0] ?? "");
  const snap: SheetSnapshot | null = useMemo(
    () => (sheet ? wb.snapshot(sheet) : null),
    // `version` is the change signal: the workbook object itself stays the same.
    [wb, sheet, version]
  );

  const grid = useMemo(() => {
    let rows = MIN_ROWS;
    let cols = MIN_COLS;
    if (snap) {
      for (const addr of [...Object.keys(snap.cells), ...Object.keys(snap.styles)]) {
        const p = parseA1(addr);
        if (!p) continue;
        rows = Math.max(rows, p.row + 2);
        cols = Math.max(cols, p.col + 1);
      }
    }
    const out: GridCell[][] = [];
    for (let r = 1; r <= rows; r++) {
      const row: GridCell[] = [];
      for (let c = 1; c <= cols; c++) {
        const address = a1(r, c);
        const v = snap?.cells[address];
        const raw = v !== null && typeof v === "object" && "formula" in v ? v.cached : v;
        const style = snap?.styles[address];
        row.push({
          address,
          // Numbers as Excel shows them: the cell's number format, in the pane's language.
          text:
            typeof raw === "number"
              ? formatNumber(raw, style?.numberFormat, locale)
              : displayValue(v),
          isNumber: typeof raw === "number",
          fill: style?.fill,
          bold: style?.bold === true,
        });
      }
      out.push(row);
    }
    return out;
  }, [snap, locale]);

  // The charts the sheet records (the ranked sheet's bar chart), drawn from its cells.
  const charts = useMemo(() => (snap ? snap.charts.map((c) => chartSeries(snap, c)) : []), [snap]);

  const select = (cell: string) => {
    setSelected(cell);
    props.selection.emit({ sheet, cell });
  };

  const contentOf = (cell: string): string => {
    if (!snap) return "";
    const v = snap.cells[cell];
    if (v !== null && typeof v === "object" && "formula" in v) return v.formula;
    return displayValue(v);
  };

  const write = (cell: string, text: string) => {
    try {
      wb.userEdit(sheet, cell, typedValue(text));
    } catch {
      // A locked cell of a protected sheet refuses the edit, as Excel does.
    }
  };

  /** Ends the edit in progress (once, however many events ask) and writes it. */
  const commit = (): void => {
    const e = editingRef.current;
    if (!e) return;
    setEditing(null);
    write(e.cell, e.text);
    tableRef.current?.focus({ preventScroll: true });
  };

  const cancel = (): void => {
    setEditing(null);
    tableRef.current?.focus({ preventScroll: true });
  };

  const clear = (cell: string) => write(cell, "");

  const paste = (text: string) => {
    const rows: CellValue[][] = parseClipboard(text);
    try {
      wb.userPaste(sheet, selected, rows);
    } catch {
      // Same as Excel: a paste onto locked cells is refused as a whole.
    }
  };

  const activate = (name: string) => {
    setActive(name);
    wb.activate(name);
  };

  const move = (dRow: number, dCol: number) => {
    const p = parseA1(selected) ?? { row: 1, col: 1 };
    const row = Math.max(1, Math.min(grid.length, p.row + dRow));
    const col = Math.max(1, Math.min(grid[0]?.length ?? 1, p.col + dCol));
    select(a1(row, col));
  };

  return {
    sheets,
    sheet,
    grid,
    charts,
    selected,
    select,
    editing,
    setEditing,
    contentOf,
    commit,
    cancel,
    clear,
    tableRef,
    typeAheadRef,
    paste,
    activate,
    move,
  };
}

/** A cheap change counter: MemoryWorkbook notifies, we count notifications per workbook. */
const versions = new WeakMap<object, { n: number; subscribed: boolean }>();
function versionOf(wb: WorkbookViewProps["workbook"]): number {
  let v = versions.get(wb);
  if (!v) {
    v = { n: 0, subscribed: true };
    versions.set(wb, v);
    const rec = v;
    wb.subscribe(() => {
      rec.n++;
    });
  }
  return v.n;
}
