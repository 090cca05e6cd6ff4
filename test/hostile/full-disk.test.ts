/**
 * A full disk in the middle of writing an output (ENOSPC from write): one line vi/en, exit 2, the
 * old file as it was, no temporary file left. node:fs is wrapped so one write can be made to fail.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import template from "../../src/cli/commands/template";

jest.mock("node:fs", () => {
  const actual = jest.requireActual<typeof import("node:fs")>("node:fs");
  return { ...actual, writeSync: jest.fn(actual.writeSync) };
});

it("a full disk mid-write: one line vi/en, the old file kept, no temporary file left", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dti-full-"));
  const out = join(dir, "day-o.xlsx");
  writeFileSync(out, "old content");
  (fs.writeSync as unknown as jest.Mock).mockImplementationOnce(() => {
    throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
  });
  const err: string[] = [];
  const spy = jest.spyOn(console, "error").mockImplementation((...a: unknown[]) => {
    err.push(a.join(" "));
  });
  const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
  let code: number;
  try {
    code = await template.run(["--set", "national-922", "--out", out, "--force"]);
  } finally {
    spy.mockRestore();
    log.mockRestore();
  }
  expect(code).toBe(2);
  expect(err.join("\n")).toMatch(/Không đủ chỗ trên ổ đĩa.*Not enough disk space/);
  expect(err.join("\n")).not.toMatch(/ENOSPC/);
  expect(err).toHaveLength(1);
  expect(readFileSync(out, "utf8")).toBe("old content");
  expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
});
