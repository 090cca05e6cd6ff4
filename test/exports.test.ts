/**
 * Issue 14: no export of src/ that only its own file, a test or nobody uses, unless
 * scripts/exports-allow.ts says why. `npx tsx scripts/exports-check.ts` lists them by file.
 */
import * as path from "path";
import { collectExports, verdict, type ExportUse } from "../scripts/exports-check";
import { ALLOWED_EXPORTS } from "../scripts/exports-allow";

const key = (u: ExportUse) => `${u.file}#${u.name}`;

describe("exports of src", () => {
  // One program over src, test, bench and scripts: about ten seconds.
  const all = collectExports(path.resolve(__dirname, ".."));
  const byKey = new Map(all.map((u) => [key(u), u]));

  it("finds imports through the engine's door and through dynamic import()", () => {
    // validateWorkbook imports validate from "../engine" (the door re-exports it from ./validate).
    expect(verdict(byKey.get("src/engine/validate/index.ts#validate") as ExportUse)).toBe("used");
    // The task pane loads the Office adapter with import(); the CLI loads its commands that way.
    expect(
      verdict(byKey.get("src/workbook/office/office-workbook/index.ts#OfficeWorkbook") as ExportUse)
    ).toBe("used");
    expect(verdict(byKey.get("src/cli/commands/sets.ts#default") as ExportUse)).toBe("used");
  });

  it("every export no other src file imports is allowed, with a reason", () => {
    const unexplained = all
      .filter((u) => verdict(u) !== "used" && ALLOWED_EXPORTS[key(u)] === undefined)
      .map((u) => `${key(u)} (${verdict(u)})`);
    expect(unexplained).toEqual([]);
  });

  it("the allow-list has no stale line", () => {
    const stale = Object.keys(ALLOWED_EXPORTS).filter((k) => {
      const u = byKey.get(k);
      return u === undefined || verdict(u) === "used";
    });
    expect(stale).toEqual([]);
  });
});
