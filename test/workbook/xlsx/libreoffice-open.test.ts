/**
 * The .xlsx the adapter writes (table, validations, conditional formats, protection, freeze, merges,
 * page setup, the very hidden "_dti" sheet) opens in LibreOffice, and its formulas recompute there.
 * Runs where `soffice` is installed (CI installs it when it can); elsewhere it is skipped and says so.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SheetSpec } from "../../../src/engine/sheets/spec";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsx-workbook";
import { f, n, t } from "../port-contract";

const soffice = [
  "/usr/bin/soffice",
  "/usr/local/bin/soffice",
  "/usr/lib/libreoffice/program/soffice",
].find((p) => existsSync(p));
if (!soffice) console.warn("soffice not found: the LibreOffice opening test is skipped");

const spec: SheetSpec = {
  name: "Xếp hạng",
  owned: true,
  role: "ranking",
  blocks: [
    { address: "A1", rows: [[t("Bảng xếp hạng (minh hoạ)")]], style: { bold: true } },
    {
      address: "A3",
      rows: [
        [t("Tên"), t("CS1"), t("CS2"), t("Tổng")],
        [t("=Sở A"), n(8.5), n(7), f("=SUM(B4:C4)")],
        [t("Sở B"), n(9), n(0), f("=SUM(B5:C5)")],
      ],
    },
  ],
  styles: [{ range: "B4:D5", style: { numberFormat: "0.00", locked: false } }],
  merges: ["A1:D1"],
  freeze: { rows: 3, cols: 1 },
  validations: [
    { range: "B4:C5", rule: { kind: "decimal", min: 0, max: 10 }, inputMessage: "0..10" },
  ],
  conditionalFormats: [
    { range: "D4:D5", when: { kind: "formula", formula: "=D4>15" }, style: { fill: "#C6EFCE" } },
  ],
  tables: [{ name: "XepHang", range: "A3:D5" }],
  pageSetup: { orientation: "landscape", paper: "A4", fitToWidth: true, printTitleRows: "3:3" },
  protect: true,
};

(soffice ? it : it.skip)(
  "opens in LibreOffice with text kept as text and formulas recomputed",
  async () => {
    const dir = mkdtempSync(join(tmpdir(), "dti-lo-"));
    const wb = XlsxWorkbook.create();
    await wb.apply([spec]);
    await wb.save(join(dir, "ranked.xlsx"));
    execFileSync(
      soffice!,
      [
        `-env:UserInstallation=file://${join(dir, "profile")}`,
        "--headless",
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1",
        "--outdir",
        dir,
        join(dir, "ranked.xlsx"),
      ],
      { timeout: 120_000, stdio: "pipe" }
    );
    // LibreOffice quotes some text cells; none of ours holds a quote or a comma.
    const csv = readFileSync(join(dir, "ranked.csv"), "utf8")
      .trim()
      .split(/\r?\n/)
      .map((line) => line.replace(/"/g, ""));
    expect(csv[0]).toBe("Bảng xếp hạng (minh hoạ),,,");
    expect(csv[2]).toBe("Tên,CS1,CS2,Tổng");
    expect(csv[3]).toBe("=Sở A,8.50,7.00,15.50");
    expect(csv[4]).toBe("Sở B,9.00,0.00,9.00");
  },
  150_000
);
