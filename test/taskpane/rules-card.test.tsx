/** @jest-environment jsdom */
/**
 * The rules sheet from the pane: choosing a preset writes "Quy tắc"; the pane says which rules are
 * in force and lists the sheet's issues with links to their cells; a changed sheet is kept unless
 * the user asks to replace it; the ranking then follows the sheet.
 */
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { RULES_SHEET, findPreset, rulesSheetSpec } from "../../src/engine/rules";
import { sampleGrids } from "../../src/engine/sample";
import { createSelectionHub } from "../../src/preview/selection-hub";
import { createPaneServices } from "../../src/taskpane/controller/services";
import { PaneApp } from "../../src/taskpane/PaneApp";
import { MemoryWorkbook } from "../../src/workbook/memory/memory-workbook";
import { buildRanking } from "../../src/app/build-ranking";
import { writeRulesSheet } from "../../src/app/rules-sheet";
import "./render"; // ResizeObserver for jsdom

const settle = () => act(() => new Promise((r) => setTimeout(r, 200)));

describe("rules card", () => {
  it("writes a 2025 preset's rules sheet, says it applies and links its cells to fill", async () => {
    const wb = MemoryWorkbook.fromGrids([]);
    const selected: string[] = [];
    const services = createPaneServices(wb, createSelectionHub());
    const select = services.select;
    render(
      <PaneApp
        services={{ ...services, select: (s, c) => (selected.push(`${s}!${c}`), select(s, c)) }}
        initialProfileId="sample"
      />
    );
    await settle();
    expect(await screen.findByText(/Chưa có trang Quy tắc/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Bộ quy tắc làm mẫu"), {
      target: { value: "hanoi-2025" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Ghi trang Quy tắc" }));
    await waitFor(() => expect(screen.getByText(/Đang áp dụng trang Quy tắc/)).toBeTruthy());
    expect(screen.getByText(/từ bộ hanoi-2025/)).toBeTruthy();
    expect(screen.getByText(/chưa xếp loại, xếp hạng được/)).toBeTruthy();
    expect((await wb.listSheets()).some((s) => s.name === RULES_SHEET)).toBe(true);
    const cell = rulesSheetSpec(findPreset("hanoi-2025")!).cells.get("groups[0].maxPoints")!;
    fireEvent.click(screen.getAllByText(`Đến ô ${cell}`)[0]!);
    await waitFor(() => expect(selected).toContain(`${RULES_SHEET}!${cell}`));
  });
});

describe("rules sheet use-cases", () => {
  it("a changed rules sheet is kept unless replacing is asked for", async () => {
    const wb = MemoryWorkbook.fromGrids([]);
    expect((await writeRulesSheet(wb, "sonla-2024")).ok).toBe(true);
    const lower = rulesSheetSpec(findPreset("sonla-2024")!).cells.get("bands[0].lower")!;
    const upper = rulesSheetSpec(findPreset("sonla-2024")!).cells.get("bands[1].upper")!;
    wb.set(RULES_SHEET, lower, 80);
    wb.set(RULES_SHEET, upper, 80);
    const kept = await writeRulesSheet(wb, "kontum-2022");
    expect(kept.ok).toBe(false);
    expect(kept.issues.map((i) => i.code)).toEqual(["rules_changed"]);
    expect((await wb.readGrid(RULES_SHEET)).values.flat()).toContain("sonla-2024");
    const replaced = await writeRulesSheet(wb, "kontum-2022", { replaceChanged: true });
    expect(replaced.ok).toBe(true);
    expect((await wb.readGrid(RULES_SHEET)).values.flat()).toContain("kontum-2022");
  });

  it("buildRanking with the rules sheet grades by it and its formulas reference the band cells", async () => {
    const wb = MemoryWorkbook.fromGrids(sampleGrids());
    await writeRulesSheet(wb, "sample");
    const res = await buildRanking(wb, { profileId: "generic", rulesSheet: true });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.rulesFrom).toBe("rules-sheet");
    expect(res.ranking.profileId).toBe("sample");
    const sheet = res.sheets[0]!;
    const g = await wb.readGrid(sheet);
    const formulas = (g.formulas ?? []).flat().filter((f): f is string => f !== null);
    expect(formulas.some((f) => f.includes(`'${RULES_SHEET}'!$C$`))).toBe(true);
  });
});
