/**
 * Issue 13's ranking-day journey in a real browser (Debian chromium + playwright-core) on the built
 * preview: import two agencies' forms (one with a score above the maximum), follow them in "Tiến
 * độ", fix all text numbers with "Sửa tất cả" while live results arrive, build with the error
 * outstanding (the pane asks first), see the ranked sheet's chart drawn, write the decision's
 * appendix and print it to PDF (checked with pdftotext). Screenshots and the PDF go to
 * test-artifacts/; axe-core finds no serious or critical violation on the new views.
 */
import { execFileSync } from "child_process";
import { mkdirSync, readFileSync } from "fs";
import { join, resolve } from "path";
import type { Page } from "playwright-core";
import { formBook, formRows, sampleFormLines } from "../support/agency-form";
import { assertChromium, openBrowser, type Session } from "./support/browser";
import { serveDir, type StaticServer } from "./support/server";

const root = resolve(__dirname, "..", "..");
const prebuilt = process.env.DTI_BROWSER_DIST;
const outDir = prebuilt ? resolve(root, prebuilt) : join(root, ".cache", "browser-dist");
const artifacts = join(root, "test-artifacts");

let server: StaticServer;
let session: Session;
let page: Page;

const shot = (name: string) => page.screenshot({ path: join(artifacts, `${name}.png`) });

async function seriousViolations(): Promise<{ id: string; nodes: string[] }[]> {
  const source = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  await page.evaluate(source); // DevTools evaluation: not subject to the page's CSP
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            c: object,
            o: object
          ) => Promise<{ violations: { id: string; impact: string; nodes: { html: string }[] }[] }>;
        };
      }
    ).axe;
    // Tabster's invisible focus sentinels: see preview.test.ts.
    const r = await axe.run(
      { exclude: [["[data-tabster-dummy]"]] },
      { resultTypes: ["violations"] }
    );
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.html.slice(0, 160)) }));
  });
}

/** One agency's self-assessment form for the sample set, as the .xlsx it sends. */
async function formFile(name: string, unit: string, score: (code: string) => number | string) {
  const rows = formRows(
    unit,
    sampleFormLines(score, (code) => `QĐ số 1/${code}`)
  );
  const file = join(root, ".cache", name);
  await formBook(rows).xlsx.writeFile(file);
  return file;
}

beforeAll(async () => {
  assertChromium();
  mkdirSync(artifacts, { recursive: true });
  mkdirSync(join(root, ".cache"), { recursive: true });
  if (!prebuilt && process.env.DTI_PREVIEW_PREBUILT !== "1")
    execFileSync(
      process.execPath,
      [
        require.resolve("webpack-cli/bin/cli.js"),
        "--mode",
        "production",
        "--env",
        `outDir=${outDir}`,
      ],
      { cwd: root, stdio: "pipe" }
    );
  server = await serveDir(outDir);
  session = await openBrowser();
  page = session.page;
}, 300000);

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe("ranking day in chromium", () => {
  it("loads and confirms the sample set", async () => {
    await page.goto(server.url);
    await page.getByRole("heading", { name: "DTI cho Excel", exact: true }).waitFor();
    await page.getByRole("button", { name: "Nhận dạng trang tính đang mở" }).click();
    await page.getByRole("button", { name: "Xác nhận bộ chỉ số" }).click();
    await page.getByText(/Đã xác nhận/).waitFor();
  });

  it("imports two agencies' forms at once and follows them in Tiến độ", async () => {
    const a = await formFile("so-tai-chinh.xlsx", "Sở Tài chính", (c) => (c === "1.1" ? 9 : 2));
    // Two scores typed as text ("2,5"), as forms often hold them: "Sửa tất cả" fixes them below.
    const b = await formFile("so-noi-vu.xlsx", "Sở Nội vụ", (c) =>
      c === "1.2" || c === "2.1" ? "2,5" : 3
    );
    await page.getByLabel("Nhập biểu tự đánh giá của các đơn vị").setInputFiles([a, b]);
    await page.getByText(/Đã nhập biểu của 2 đơn vị/).waitFor({ timeout: 15000 });
    await shot("13-01-forms-imported");

    await page.getByRole("tab", { name: "Tiến độ" }).click();
    const summary = page.getByRole("list", { name: "Tổng hợp" });
    await summary.waitFor({ timeout: 10000 });
    await page.waitForFunction(
      () => document.body.textContent?.includes("Biểu mẫu đã nhập: 2/20 đơn vị") ?? false,
      undefined,
      { timeout: 10000 }
    );
    const taiChinh = page.locator("li", { hasText: "Biểu mẫu: đã nhập từ so-tai-chinh.xlsx" });
    await expect(taiChinh.textContent()).resolves.toContain("Sở Tài chính");
    // The form's 9 for 1.1 (max 5) is an error of that agency.
    await expect(taiChinh.textContent()).resolves.toMatch(/\d+ lỗi/);
    await expect(page.locator("li", { hasText: "so-noi-vu.xlsx" }).count()).resolves.toBe(1);
    await shot("13-02-progress");
    expect(await seriousViolations()).toEqual([]);
  });

  it("keeps the Sửa tất cả dialog reachable by role while live results arrive", async () => {
    await page.getByRole("tab", { name: /Kiểm tra/ }).click();
    const fixAll = page.getByRole("button", { name: /^Sửa tất cả \d+ ô số nhập dạng chữ$/ });
    await fixAll.waitFor({ timeout: 10000 });
    await fixAll.click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    // Edits arrive while the question is open (another cell, typed in the workbook).
    for (const v of [7, 8, 9])
      await page.evaluate((x) => window.dtiPreview!.workbook.userEdit("Nhập điểm", "G9", x), v);
    await page.waitForTimeout(400); // the live checks (debounced) run meanwhile
    await expect(dialog.count()).resolves.toBe(1);
    await expect(dialog.getByRole("button", { name: "Sửa tất cả" }).count()).resolves.toBe(1);
    await shot("13-03-fix-all-dialog");
    expect(await seriousViolations()).toEqual([]);
    await dialog.getByRole("button", { name: "Sửa tất cả" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByText(/Đã sửa \d+ ô số nhập dạng chữ thành số/).waitFor({ timeout: 10000 });
  });

  it("asks before building with an error, then builds; the ranked sheet's chart is drawn", async () => {
    await page.getByRole("tab", { name: /Xếp hạng/ }).click();
    await page.getByRole("button", { name: "Tạo bảng xếp hạng" }).click();
    const anyway = page.getByRole("button", { name: "Vẫn xếp hạng" });
    await anyway.waitFor({ timeout: 10000 });
    const errors = page.getByRole("list", { name: "Lỗi chưa sửa" });
    await expect(errors.textContent()).resolves.toContain("Sở Tài chính");
    await shot("13-04-build-asks");
    expect(await seriousViolations()).toEqual([]);
    await anyway.click();
    const links = page.getByRole("button", { name: /^Mở trang XH - / });
    await links.first().waitFor({ timeout: 15000 });
    await links.first().click();
    const chart = page.locator("figure[data-chart] svg[role=img]");
    await chart.waitFor({ timeout: 5000 });
    const bars = await chart.locator("rect").count();
    expect(bars).toBeGreaterThan(1);
    await expect(chart.getAttribute("aria-label")).resolves.toContain(`${bars} đơn vị`);
    await chart.scrollIntoViewIfNeeded();
    await shot("13-05-ranked-chart");
    expect(await seriousViolations()).toEqual([]);
  });

  it("writes the decision's appendix and prints it to PDF", async () => {
    await page.getByRole("button", { name: "Tạo phụ lục quyết định" }).click();
    await page.getByRole("button", { name: "Vẫn xếp hạng" }).click();
    const appendix = page.getByRole("button", { name: /^Mở trang Phụ lục - / });
    await appendix.first().waitFor({ timeout: 15000 });
    await appendix.first().click();
    await page.locator("table[role=grid][data-sheet^='Phụ lục - ']").waitFor({ timeout: 5000 });
    await page.emulateMedia({ media: "print" });
    await shot("13-06-appendix-print");
    const pdf = join(artifacts, "13-appendix.pdf");
    await page.pdf({ path: pdf, format: "A4", landscape: true, printBackground: true });
    await page.emulateMedia({ media: "screen" });
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    expect(text).toContain("PHỤ LỤC");
    expect(text).toContain("Kèm theo Quyết định số");
    expect(text).toContain("TM. ỦY BAN NHÂN DÂN");
    // The pane and the page's header are not printed.
    expect(text).not.toContain("Tạo bảng xếp hạng");
    expect(text).not.toContain("bản xem trước");
  });
});
