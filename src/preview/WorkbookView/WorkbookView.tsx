import { Input, mergeClasses, Tab, TabList, Text } from "@fluentui/react-components";
import type { FocusEvent, FormEvent, KeyboardEvent } from "react";
import { columnLetters } from "../../engine";
import { ChartView } from "../ChartView/ChartView";
import type { WorkbookViewProps } from "./WorkbookView.types";
import { useWorkbookView } from "./useWorkbookView";
import { useWorkbookViewStyles } from "./useWorkbookViewStyles.styles";

/** The in-memory workbook as a grid: sheet tabs, an address/content bar, editable cells, highlights. */
export function WorkbookView(props: WorkbookViewProps) {
  const v = useWorkbookView(props);
  const styles = useWorkbookViewStyles();
  const { labels } = props;

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (v.editing) return;
    // An IME at work (Vietnamese Telex/VNI on Windows or macOS): the key is "Process" (keyCode 229)
    // and the text arrives later as a composition in the focused editable element, the type-ahead
    // input below; nothing to do here (was: ignored, and the text went nowhere).
    if (e.nativeEvent.isComposing || e.key === "Process" || e.keyCode === 229) return;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      Tab: [0, e.shiftKey ? -1 : 1],
    };
    const m = moves[e.key];
    if (m && !(e.key === "Tab" && e.ctrlKey)) {
      if (e.key === "Tab") return; // Tab leaves the grid (keyboard users reach the pane)
      e.preventDefault();
      v.move(m[0], m[1]);
    } else if (e.key === "Enter" || e.key === "F2") {
      e.preventDefault();
      v.setEditing({ cell: v.selected, text: v.contentOf(v.selected) });
    } else if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      v.clear(v.selected);
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      v.setEditing({ cell: v.selected, text: e.key });
    }
  };

  /**
   * Text that arrives without a printable keydown (an IME's commit, a character the keyboard layout
   * does not have: "đ", "ạ", also how `insertText` types it) lands in the type-ahead input, which
   * holds the grid's focus; it starts the edit with that text, as typing into a selected cell does
   * in Excel. Without it "đạt" typed into a selected cell became "t".
   */
  const onTypeAhead = (e: FormEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    if ((e.nativeEvent as InputEvent).isComposing || !input.value) return;
    const text = input.value;
    input.value = "";
    if (!v.editing) v.setEditing({ cell: v.selected, text });
  };
  const onCompositionEnd = (e: { currentTarget: HTMLInputElement }) => {
    const input = e.currentTarget;
    const text = input.value;
    input.value = "";
    if (text && !v.editing) v.setEditing({ cell: v.selected, text });
  };
  /** The grid's focus lives in the type-ahead input, so that typed text has somewhere to go. */
  // preventScroll: the input sits at the scroller's top left; focusing it plainly would scroll the
  // grid there between mousedown and click, so the click landed on another cell (or none).
  // It sits after the table: Tab from it leaves the grid, and Shift+Tab from it lands on the table
  // without being sent back (no keyboard trap), so keyboard users still reach the pane both ways.
  const onGridFocus = (e: FocusEvent<HTMLTableElement>) => {
    if (e.target === e.currentTarget && e.relatedTarget !== v.typeAheadRef.current)
      v.typeAheadRef.current?.focus({ preventScroll: true });
  };

  const width = v.grid[0]?.length ?? 0;
  return (
    <section className={styles.root} aria-label={labels.workbook}>
      <div className={styles.bar}>
        <Text className={styles.address} aria-live="polite">
          {v.selected}
        </Text>
        <Input
          className={styles.formula}
          aria-label={labels.formulaBar}
          value={v.editing ? v.editing.text : v.contentOf(v.selected)}
          onFocus={() =>
            !v.editing && v.setEditing({ cell: v.selected, text: v.contentOf(v.selected) })
          }
          onChange={(_, d) => v.setEditing({ cell: v.editing?.cell ?? v.selected, text: d.value })}
          onKeyDown={(e) => {
            if (e.key === "Enter") v.commit();
            if (e.key === "Escape") v.cancel();
          }}
        />
      </div>
      <div
        className={styles.scroller}
        onKeyDown={onKeyDown}
        onPaste={(e) => {
          if (v.editing) return; // a paste into the cell editor is the editor's
          const text = e.clipboardData.getData("text/plain");
          if (text) {
            e.preventDefault();
            v.paste(text);
          }
        }}
      >
        <table
          className={styles.table}
          role="grid"
          aria-label={labels.grid(v.sheet)}
          tabIndex={0}
          ref={v.tableRef}
          onFocus={onGridFocus}
          data-sheet={v.sheet}
        >
          <thead>
            <tr>
              <th className={styles.rowHead} aria-hidden />
              {Array.from({ length: width }, (_, c) => (
                <th key={c} className={styles.head} scope="col">
                  {columnLetters(c + 1)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {v.grid.map((row, r) => (
              <tr key={r}>
                <th className={styles.rowHead} scope="row">
                  {r + 1}
                </th>
                {row.map((cell) => {
                  const isSel = cell.address === v.selected;
                  const isEditing = v.editing?.cell === cell.address;
                  return (
                    <td
                      key={cell.address}
                      role="gridcell"
                      aria-selected={isSel}
                      data-cell={cell.address}
                      data-fill={cell.fill ?? ""}
                      title={cell.text}
                      className={mergeClasses(
                        styles.cell,
                        cell.isNumber && styles.number,
                        cell.bold && styles.bold,
                        isSel && styles.selected
                      )}
                      style={cell.fill ? { backgroundColor: cell.fill } : undefined}
                      onClick={() => v.select(cell.address)}
                      onDoubleClick={() =>
                        v.setEditing({ cell: cell.address, text: v.contentOf(cell.address) })
                      }
                    >
                      {isEditing && v.editing ? (
                        <input
                          className={styles.editor}
                          aria-label={labels.cellEditor(cell.address)}
                          autoFocus
                          value={v.editing.text}
                          onChange={(e) =>
                            v.setEditing({ cell: cell.address, text: e.target.value })
                          }
                          onKeyDown={(e) => {
                            e.stopPropagation();
                            if (e.key === "Enter") {
                              v.commit();
                              v.move(1, 0);
                            } else if (e.key === "Escape") v.cancel();
                          }}
                          onBlur={() => v.commit()}
                        />
                      ) : (
                        cell.text
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <input
          className={styles.typeAhead}
          ref={v.typeAheadRef}
          tabIndex={-1}
          // Announced as the grid and the selected cell ("Trang tính Nhập điểm F7"); the cell's own
          // editor, once typing starts, is labels.cellEditor.
          aria-label={`${labels.grid(v.sheet)} ${v.selected}`}
          onInput={onTypeAhead}
          onCompositionEnd={onCompositionEnd}
        />
        {v.charts.map((c, i) => (
          <ChartView
            key={`${i}:${c.title}`}
            series={c}
            locale={props.locale ?? "vi"}
            label={labels.chart(c.title, c.bars.length)}
            noValue={labels.chartNoValue}
          />
        ))}
      </div>
      <TabList
        className={styles.tabs}
        size="small"
        selectedValue={v.sheet}
        onTabSelect={(_, d) => v.activate(String(d.value))}
        aria-label={labels.sheets}
      >
        {v.sheets.map((s) => (
          <Tab key={s} value={s}>
            {s}
          </Tab>
        ))}
      </TabList>
    </section>
  );
}
