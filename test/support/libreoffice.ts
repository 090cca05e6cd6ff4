/** LibreOffice for the tests that recalculate or print the workbooks the add-in writes. */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The path of `soffice` (or `libreoffice`) on PATH, or null when LibreOffice is not installed. */
export function findSoffice(): string | null {
  for (const cmd of ["soffice", "libreoffice"]) {
    try {
      const p = execFileSync("which", [cmd], { encoding: "utf8" }).trim();
      if (p !== "") return p;
    } catch {
      // not on PATH
    }
  }
  return null;
}

/**
 * A LibreOffice user profile under `dir` that recalculates OOXML and ODF files on load (the default
 * is never: cached results would be read back unchanged); its `-env:UserInstallation` URL.
 */
export function recalcProfile(dir: string): string {
  const user = join(dir, "lo-profile", "user");
  mkdirSync(user, { recursive: true });
  writeFileSync(
    join(user, "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`
  );
  return `file://${join(dir, "lo-profile")}`;
}

/**
 * LibreOffice opens `file` with the profile `userInstallation` (e.g. recalcProfile's) and saves it as
 * .xlsx into `outDir`: the path of the copy it wrote.
 */
export function saveAsXlsx(
  soffice: string,
  userInstallation: string,
  file: string,
  outDir: string,
  timeoutMs = 120_000
): string {
  mkdirSync(outDir, { recursive: true });
  execFileSync(
    soffice,
    [
      `-env:UserInstallation=${userInstallation}`,
      "--headless",
      "--norestore",
      "--convert-to",
      "xlsx",
      "--outdir",
      outDir,
      file,
    ],
    { stdio: "pipe", timeout: timeoutMs }
  );
  return join(outDir, (file.split("/").pop() ?? file).replace(/\.[^.]*$/, ".xlsx"));
}
