import type { Locale } from "../../src/engine";
import { errorText, toPaneError } from "../../src/taskpane/controller/pane-errors";
import { PortError, type PortErrorCode } from "../../src/workbook/port";

/** The text the pane shows for a port error (the path every thrown PortError takes). */
const portErrorText = (e: PortError, locale: Locale) => errorText(toPaneError(e), locale);

const codes: PortErrorCode[] = [
  "sheet_not_found",
  "sheet_not_owned",
  "cell_edit_mode",
  "request_too_large",
  "invalid_range",
  "invalid_sheet_name",
  "cell_protected",
  "host_error",
];

describe("port error messages", () => {
  it.each(codes)("%s has distinct Vietnamese and English text", (code) => {
    const e = new PortError(code, { sheet: "Xếp hạng", range: "B3" });
    const vi = portErrorText(e, "vi");
    const en = portErrorText(e, "en");
    expect(vi.length).toBeGreaterThan(20);
    expect(en.length).toBeGreaterThan(20);
    expect(vi).not.toBe(en);
  });
  it("says which sheet and how to fix", () => {
    const e = new PortError("sheet_not_owned", { sheet: "Xếp hạng" });
    expect(portErrorText(e, "vi")).toContain('Trang "Xếp hạng" do người dùng tạo');
    expect(portErrorText(e, "en")).toContain("Rename that sheet");
    expect(
      portErrorText(new PortError("cell_protected", { sheet: "S", range: "C6" }), "en")
    ).toContain('"S"!C6');
  });
});
