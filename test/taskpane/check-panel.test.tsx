/** @jest-environment jsdom */
import { fireEvent, screen, within } from "@testing-library/react";
import type { Issue } from "../../src/engine/model/types";
import { CheckPanel } from "../../src/taskpane/components/CheckPanel/CheckPanel";
import { issueViews } from "../../src/taskpane/controller/views";
import { renderIn } from "./render";

const above: Issue = {
  code: "score_above_max",
  severity: "error",
  cell: { sheet: "Nhập điểm", cell: "G7" },
  unit: "u1",
  indicator: "1.1",
  params: { value: 6, max: 5, unitName: "Sở Y tế" },
};
const text85: Issue = {
  code: "vn_number_parsed",
  severity: "warning",
  cell: { sheet: "Nhập điểm", cell: "J8" },
  unit: "u2",
  indicator: "1.2",
  params: { text: "8,5", value: 8.5, unitName: "UBND huyện A" },
};
const fixOf = (i: Issue) =>
  i.code === "vn_number_parsed" ? { value: 8.5, before: '"8,5"' } : null;

function setup(issues: Issue[] = [above, text85], locale: "vi" | "en" = "vi") {
  const onGoTo = jest.fn();
  const onFix = jest.fn();
  const onRecheck = jest.fn();
  renderIn(
    <CheckPanel
      issues={issueViews(issues, locale, fixOf)}
      ready
      onGoTo={onGoTo}
      onFix={onFix}
      onRecheck={onRecheck}
      busy={false}
    />,
    locale
  );
  return { onGoTo, onFix, onRecheck };
}

describe("CheckPanel (Kiểm tra)", () => {
  it("issue 13: names issue kinds in the filter in words, never by raw code", () => {
    setup();
    const options = [...document.querySelectorAll("option")].map((o) => o.textContent ?? "");
    expect(options).toEqual(expect.arrayContaining(["Vượt điểm tối đa", "Số nhập dạng chữ (8,5)"]));
    expect(options.some((o) => /score_above_max|vn_number_parsed/.test(o))).toBe(false);
  });

  it("counts issues by severity", () => {
    setup();
    const counts = screen.getByRole("status", { name: "Số vấn đề theo mức độ" });
    expect(within(counts).getByText("Lỗi: 1")).toBeTruthy();
    expect(within(counts).getByText("Cảnh báo: 1")).toBeTruthy();
    expect(within(counts).getByText("Lưu ý: 0")).toBeTruthy();
  });

  it("lists each issue with its cell and the text that says how to fix it, errors first", () => {
    setup([text85, above]);
    const items = within(screen.getByRole("list", { name: "Danh sách vấn đề" })).getAllByRole(
      "listitem"
    );
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain("'Nhập điểm'!G7");
    expect(items[0]!.textContent).toContain("vượt điểm tối đa 5");
    expect(items[1]!.textContent).toContain('"8,5"');
  });

  it("filters by unit, by indicator and by kind of problem", () => {
    setup();
    fireEvent.change(screen.getByLabelText("Lọc theo đơn vị"), {
      target: { value: "UBND huyện A" },
    });
    expect(screen.getAllByRole("listitem")).toHaveLength(1);
    expect(screen.getByRole("listitem").textContent).toContain("J8");
    fireEvent.change(screen.getByLabelText("Lọc theo đơn vị"), { target: { value: "" } });
    fireEvent.change(screen.getByLabelText("Lọc theo chỉ số"), { target: { value: "1.1" } });
    expect(screen.getByRole("listitem").textContent).toContain("G7");
    fireEvent.change(screen.getByLabelText("Lọc theo chỉ số"), { target: { value: "" } });
    fireEvent.change(screen.getByLabelText("Lọc theo loại vấn đề"), {
      target: { value: "vn_number_parsed" },
    });
    expect(screen.getByRole("listitem").textContent).toContain("J8");
    fireEvent.change(screen.getByLabelText("Lọc theo đơn vị"), { target: { value: "Sở Y tế" } });
    expect(screen.getByText("Không có vấn đề nào khớp bộ lọc.")).toBeTruthy();
  });

  it("goes to the cell when asked", () => {
    const { onGoTo } = setup();
    fireEvent.click(screen.getByRole("button", { name: "Đến ô G7" }));
    expect(onGoTo).toHaveBeenCalledWith(expect.objectContaining({ issue: above }));
  });

  it("offers a quick fix only for the safe case, and applies it only after confirmation", async () => {
    const { onFix } = setup();
    expect(screen.queryByRole("button", { name: "Sửa nhanh G7" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Sửa nhanh J8" }));
    const dialog = await screen.findByRole("dialog", undefined, { timeout: 5000 });
    expect(within(dialog).getByText("Sửa ô J8?")).toBeTruthy();
    expect(dialog.textContent).toContain('"8,5"');
    expect(dialog.textContent).toContain("8,5");
    expect(onFix).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole("button", { name: "Sửa" }));
    expect(onFix).toHaveBeenCalledTimes(1);
    expect(onFix.mock.calls[0][0].issue).toBe(text85);
  });

  it("does nothing when the fix is cancelled", async () => {
    const { onFix } = setup();
    fireEvent.click(screen.getByRole("button", { name: "Sửa nhanh J8" }));
    fireEvent.click(
      within(await screen.findByRole("dialog", undefined, { timeout: 5000 })).getByRole("button", {
        name: "Huỷ",
      })
    );
    expect(onFix).not.toHaveBeenCalled();
  });

  it("says there is nothing wrong when the list is empty, and speaks English when asked", () => {
    setup([], "en");
    expect(screen.getByText("No problems.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Check everything again" })).toBeTruthy();
  });
});

describe("CheckPanel: issues grouped by agency (issue 13)", () => {
  const blank = (cell: string, unitName: string, unit: string): Issue => ({
    code: "score_blank",
    severity: "warning",
    cell: { sheet: "Nhập điểm", cell },
    unit,
    indicator: "2.1",
    params: { unitName },
  });
  const issues: Issue[] = [
    text85,
    above,
    { ...above, cell: { sheet: "Nhập điểm", cell: "H7" }, indicator: "1.3" },
    ...["G9", "H9", "I9", "J9", "K9"].map((c) => blank(c, "Sở Y tế", "u1")),
    blank("G10", "UBND huyện A", "u2"),
  ];

  it("shows per agency its counts in words, and goes back to that agency's list", () => {
    setup(issues);
    expect(screen.queryByRole("list", { name: "Vấn đề theo đơn vị" })).toBeNull();
    fireEvent.click(screen.getByRole("switch", { name: "Nhóm theo đơn vị" }));
    const rows = within(screen.getByRole("list", { name: "Vấn đề theo đơn vị" })).getAllByRole(
      "listitem"
    );
    expect(rows.map((r) => r.textContent)).toEqual([
      "Sở Y tế: 2 lỗi, 5 chưa nhậpXem",
      "UBND huyện A: 1 cảnh báo, 1 chưa nhậpXem",
    ]);
    fireEvent.click(screen.getByRole("button", { name: "Xem các vấn đề của UBND huyện A" }));
    const items = within(screen.getByRole("list", { name: "Danh sách vấn đề" })).getAllByRole(
      "listitem"
    );
    expect(items).toHaveLength(2);
    expect(screen.getByLabelText<HTMLSelectElement>("Lọc theo đơn vị").value).toBe("UBND huyện A");
  });

  it("says it in English too", () => {
    setup(issues, "en");
    fireEvent.click(screen.getByRole("switch", { name: "Group by agency" }));
    expect(screen.getByRole("list", { name: "Problems by agency" }).textContent).toContain(
      "Sở Y tế: 2 errors, 5 not entered"
    );
  });
});
