/** @jest-environment jsdom */
/**
 * Issue 13: the chart the ranked sheet records is drawn in the preview (SVG), from the sheet's own
 * cells: one bar per unit in ranked order, its length the unit's total, its label the total as the
 * grid shows it. On the sample built by the real use-case into a MemoryWorkbook.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { buildRanking } from "../../src/app/build-ranking";
import { writeSampleWorkbook } from "../../src/app/sample-workbook";
import { parseRange } from "../../src/engine/address";
import { chartSeries } from "../../src/preview/chart-data";
import { niceMax } from "../../src/preview/ChartView/useChartView";
import { createSelectionHub } from "../../src/preview/selection-hub";
import { WorkbookView } from "../../src/preview/WorkbookView/WorkbookView";
import { MemoryWorkbook } from "../../src/workbook/memory/memory-workbook";

async function ranked(): Promise<{ wb: MemoryWorkbook; sheet: string }> {
  const wb = new MemoryWorkbook();
  await writeSampleWorkbook(wb);
  const r = await buildRanking(wb, { profileId: "sample" });
  if (!r.ok) throw new Error("not built");
  const sheet = r.sheets.find((s) => wb.snapshot(s).charts.length > 0);
  if (sheet === undefined) throw new Error("no chart recorded");
  return { wb, sheet };
}

describe("the ranked sheet's chart in the preview", () => {
  it("chartSeries reads the recorded ranges: names and totals (cached formula results)", async () => {
    const { wb, sheet } = await ranked();
    const snap = wb.snapshot(sheet);
    const chart = snap.charts[0]!;
    const series = chartSeries(snap, chart);
    const rows = parseRange(chart.categories)!;
    expect(series.bars).toHaveLength(rows.end.row - rows.start.row + 1);
    expect(series.bars.every((b) => b.label !== "")).toBe(true);
    // The sample's units all have a total: every bar has its number.
    expect(series.bars.every((b) => typeof b.points === "number")).toBe(true);
    expect(series.title).toBe(chart.title);
  });

  it("draws one bar per unit, longest for the first ranked, labelled with the total", async () => {
    const { wb, sheet } = await ranked();
    wb.activate(sheet);
    render(
      <FluentProvider theme={webLightTheme}>
        <WorkbookView
          workbook={wb}
          selection={createSelectionHub()}
          locale="vi"
          labels={{
            workbook: "Bảng tính",
            sheets: "Các trang tính",
            formulaBar: "Nội dung ô",
            grid: (s) => `Trang ${s}`,
            cellEditor: (c) => `Ô ${c}`,
            chart: (title, n) => `Biểu đồ ${title}: ${n} đơn vị`,
            chartNoValue: "chưa tính được",
          }}
        />
      </FluentProvider>
    );
    // The workbook view shows the first sheet: go to the ranked one.
    fireEvent.click(screen.getByRole("tab", { name: sheet }));
    const snap = wb.snapshot(sheet);
    const series = chartSeries(snap, snap.charts[0]!);
    const img = await screen.findByRole("img", {
      name: new RegExp(`: ${series.bars.length} đơn vị$`),
    });
    const figure = img.closest("figure")!;
    expect(within(figure).getByText(series.title)).toBeTruthy();
    const bars = [...img.querySelectorAll("rect")];
    expect(bars).toHaveLength(series.bars.length);
    const widths = bars.map((b) => Number(b.getAttribute("width")));
    // Proportional to the totals, in the sheet's (ranked) order.
    const first = series.bars[0]!.points!;
    series.bars.forEach((b, i) =>
      expect(widths[i]! / widths[0]!).toBeCloseTo(b.points! / first, 6)
    );
    expect(Math.max(...widths)).toBe(widths[0]);
    // Each bar says its unit and total in words (tooltip) and on the drawing (Vietnamese decimals).
    const g = img.querySelector(`g[data-bar="${series.bars[0]!.label}"]`)!;
    const shown = new Intl.NumberFormat("vi-VN", {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }).format(first);
    expect(g.textContent).toContain(shown);
  });

  it("niceMax gives a round axis end", () => {
    expect([niceMax(0), niceMax(87.5), niceMax(100), niceMax(101), niceMax(0.3)]).toEqual([
      1, 100, 100, 200, 0.5,
    ]);
  });
});
