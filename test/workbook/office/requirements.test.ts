import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  OPTIONAL_SETS,
  REQUIRED_SETS,
  describeMissing,
  missingSets,
} from "../../../src/workbook/office/requirements";
import { toPortError } from "../../../src/workbook/office/errors";
import type { Locale } from "../../../src/engine";
import { errorText, toPaneError } from "../../../src/taskpane/controller/pane-errors";
import type { PortError } from "../../../src/workbook/port";

const portErrorText = (e: PortError, locale: Locale) => errorText(toPaneError(e), locale);

describe("requirement sets", () => {
  it("the manifest declares exactly the sets the add-in checks at run time", () => {
    const xml = readFileSync(join(__dirname, "../../../manifest.xml"), "utf8");
    const block = /<Requirements>[\s\S]*?<\/Requirements>/.exec(xml)?.[0] ?? "";
    const declared = [...block.matchAll(/<Set Name="([^"]+)" MinVersion="([^"]+)"\/>/g)].map(
      (m) => `${m[1]} ${m[2]}`
    );
    expect(declared).toEqual(REQUIRED_SETS.map((s) => `${s.name} ${s.version}`));
  });

  it("names what an older Excel lacks, in Vietnamese and English", () => {
    const supported = new Set(["ExcelApi 1.12", "SharedRuntime 1.1"]);
    const isSet = (n: string, v: string): boolean =>
      supported.has(`${n} ${v}`) || (n === "ExcelApi" && Number(v) <= 1.12);
    const missing = missingSets(isSet);
    expect(missing.map((s) => s.name)).toEqual(["ExcelApi", "CustomFunctionsRuntime"]);
    expect(describeMissing(missing, "vi")).toContain("ExcelApi 1.13 (đọc ô gộp");
    expect(describeMissing(missing, "en")).toContain("CustomFunctionsRuntime 1.1 (the DTI.*");
    expect(missingSets(() => true)).toEqual([]);
    expect(missingSets(() => true, OPTIONAL_SETS)).toEqual([]);
    expect(
      missingSets(() => {
        throw new Error("no requirements object");
      })
    ).toHaveLength(REQUIRED_SETS.length);
  });

  it("ApiNotFound from Excel becomes a message, never the raw code alone", () => {
    const e = toPortError({
      code: "ApiNotFound",
      debugInfo: { errorLocation: "Range.getMergedAreasOrNullObject" },
    });
    expect(e.code).toBe("api_not_supported");
    expect(portErrorText(e, "vi")).toContain("cập nhật Excel");
    expect(portErrorText(e, "en")).toContain("Update Excel");
  });
});
