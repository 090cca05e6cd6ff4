/** The `dti` commands on real .xlsx files written with ExcelJS in a temp dir. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "../support/run-cli";
import demo, { writeGridsXlsx } from "../../src/cli/commands/demo";
import rank from "../../src/cli/commands/rank";
import sets from "../../src/cli/commands/sets";
import validate from "../../src/cli/commands/validate";
import { sampleGrids } from "../../src/engine/sample";

const dir = mkdtempSync(join(tmpdir(), "dti-cli-"));
const root = join(__dirname, "..", "..");

const run = runCli;

/** A summary workbook (rows = units) with the given score rows. */
async function summaryFile(name: string, rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Kết quả");
  ws.getCell("A1").value = "KẾT QUẢ ĐÁNH GIÁ DTI NĂM 2024";
  ws.getRow(3).values = [
    "STT",
    "Tên cơ quan, đơn vị",
    "Nhóm",
    "1. Nhận thức số (40)",
    "2. Hạ tầng số (60)",
  ];
  rows.forEach((r, i) => (ws.getRow(4 + i).values = r));
  const file = join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

const clean = [
  [1, "Sở Tài chính", "Sở, ban, ngành", 36, 54],
  [2, "Sở Nội vụ", "Sở, ban, ngành", 30, 40],
  [3, "Sở Y tế", "Sở, ban, ngành", 36, 54],
  [4, "UBND huyện Mai Sơn", "UBND huyện, thành phố", 20, "25,5"],
];

describe("dti sets", () => {
  it("lists the built-in profiles with source and groups", async () => {
    const { code, out } = await run(sets, ["--json"]);
    expect(code).toBe(0);
    const list = JSON.parse(out) as { id: string; groups: { id: string; max: number }[] }[];
    expect(list.map((p) => p.id)).toEqual(
      expect.arrayContaining(["sonla-2024", "laocai-2023", "generic", "sample"])
    );
    expect(list.find((p) => p.id === "laocai-2022")?.groups.map((g) => g.max)).toContain(750);
    const human = await run(sets, []);
    expect(human.out).toContain("1287/QĐ-UBND");
  });
});

describe("dti rank --json", () => {
  it("prints exactly the issue-2 shape, units in rank order, exit 0 without errors", async () => {
    const file = await summaryFile("clean.xlsx", clean);
    const { code, out, err } = await run(rank, [file, "--set", "sonla-2024", "--json"]);
    expect(err).toBe("");
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual(["set", "groups", "issues"]);
    expect(json.set.id).toBe("sonla-2024");
    expect(json.groups).toEqual([
      {
        id: "agencies",
        name: "Sở, ban, ngành cấp tỉnh",
        max: 100,
        units: [
          {
            unit: "Sở Tài chính",
            rank: 1,
            points: 90,
            percentOfMax: 90,
            grade: "Tốt",
            mainIndices: { "1": 36, "2": 54 },
          },
          {
            unit: "Sở Y tế",
            rank: 1,
            points: 90,
            percentOfMax: 90,
            grade: "Tốt",
            mainIndices: { "1": 36, "2": 54 },
          },
          {
            unit: "Sở Nội vụ",
            rank: 3,
            points: 70,
            percentOfMax: 70,
            grade: "Khá",
            mainIndices: { "1": 30, "2": 40 },
          },
        ],
      },
      {
        id: "districts",
        name: "UBND các huyện, thành phố",
        max: 100,
        units: [
          {
            unit: "UBND huyện Mai Sơn",
            rank: 1,
            points: 45.5,
            percentOfMax: 45.5,
            grade: "Yếu",
            mainIndices: { "1": 20, "2": 25.5 },
          },
        ],
      },
    ]);
    expect(json.issues).toEqual([
      {
        code: "vn_number_parsed",
        severity: "warning",
        sheet: "Kết quả",
        cell: "E7",
        message: expect.stringContaining("25,5"),
      },
    ]);
  });

  it("--lang en gives English names, grades and messages", async () => {
    const file = await summaryFile("clean-en.xlsx", clean);
    const { out } = await run(rank, [file, "--set", "sonla-2024", "--json", "--lang", "en"]);
    const json = JSON.parse(out);
    expect(json.groups[0].units[0].grade).toBe("Good");
    expect(json.groups[1].name).toBe("District-level People's Committees");
    expect(json.issues[0].message).toMatch(/text/i);
  });

  it("exit 1 when there is an error-severity issue (a score above its max, an unknown group)", async () => {
    const file = await summaryFile("errors.xlsx", [
      [1, "Sở Tài chính", "Sở, ban, ngành", 45, 54],
      [2, "Sở Nội vụ", "Khối doanh nghiệp", 30, 40],
    ]);
    const { code, out } = await run(rank, [file, "--set", "sonla-2024", "--json"]);
    expect(code).toBe(1);
    const issues = JSON.parse(out).issues as { code: string; severity: string; cell: string }[];
    // Found by the recogniser (group cell) and by validation (unit cell): reported once.
    expect(issues.filter((i) => i.code === "unknown_group")).toHaveLength(1);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "score_above_max", severity: "error", cell: "D4" }),
        expect.objectContaining({ code: "unknown_group", severity: "error", cell: "C5" }),
      ])
    );
  });

  it("reads the profile id from the workbook's _dti settings (the demo sample) and finds its planted problems", async () => {
    const file = join(dir, "sample.xlsx");
    await writeGridsXlsx(sampleGrids(), file, { "dti.profileId": "sample" });
    const { code, out } = await run(rank, [file, "--json"]);
    expect(code).toBe(1);
    const json = JSON.parse(out);
    expect(json.set.id).toBe("sample");
    expect(
      json.groups.map((g: { id: string; units: unknown[] }) => [g.id, g.units.length])
    ).toEqual([
      ["agencies", 12],
      ["districts", 8],
    ]);
    for (const g of json.groups as { units: { rank: number | null; points: number }[] }[]) {
      const ranks = g.units.map((u) => u.rank ?? Infinity);
      expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    }
    expect(Object.keys(json.groups[0].units[0].mainIndices)).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
    ]);
    expect(json.issues.map((i: { code: string }) => i.code)).toEqual(
      expect.arrayContaining([
        "score_above_max",
        "vn_number_parsed",
        "score_blank",
        "missing_evidence",
      ])
    );
    // Reported once, although the recogniser and the validation both see it.
    expect(json.issues.filter((i: { code: string }) => i.code === "vn_number_parsed")).toHaveLength(
      1
    );
  });
});

describe("dti rank on a workbook of agency forms (one sheet each)", () => {
  it("ranks the forms per group named on each form's 'Nhóm:' line", async () => {
    const wb = new ExcelJS.Workbook();
    const forms: [string, string, number, number][] = [
      ["Sở Nội vụ", "Sở, ban, ngành", 9, "8,5" as unknown as number],
      ["Sở Tư pháp", "Sở, ban, ngành", 10, 9.5],
      ["UBND huyện Sông Mã", "UBND huyện, thành phố", 6, 4],
    ];
    for (const [unit, group, a, b] of forms) {
      const ws = wb.addWorksheet(unit.slice(0, 31));
      ws.getCell("A1").value = `Tên cơ quan: ${unit}`;
      ws.getCell("A2").value = `Nhóm: ${group}`;
      ws.getRow(4).values = [
        "STT",
        "Tên chỉ số",
        "Điểm tối đa",
        "Điểm tự đánh giá",
        "Tài liệu kiểm chứng",
      ];
      ws.getRow(5).values = ["1", "Nhận thức số", 20];
      ws.getRow(6).values = ["1.1", "Lãnh đạo chỉ đạo", 10, a, "QĐ 1"];
      ws.getRow(7).values = ["1.2", "Tuyên truyền", 10, b, "KH 2"];
    }
    const file = join(dir, "forms.xlsx");
    await wb.xlsx.writeFile(file);
    const { code, out } = await run(rank, [file, "--set", "sonla-2024", "--json"]);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(
      json.groups.map(
        (g: { id: string; units: { unit: string; rank: number; points: number }[] }) => [
          g.id,
          g.units.map((u) => [u.rank, u.unit, u.points]),
        ]
      )
    ).toEqual([
      [
        "agencies",
        [
          [1, "Sở Tư pháp", 19.5],
          [2, "Sở Nội vụ", 17.5],
        ],
      ],
      ["districts", [[1, "UBND huyện Sông Mã", 10]]],
    ]);
    expect(json.issues).toEqual([
      expect.objectContaining({ code: "vn_number_parsed", sheet: "Sở Nội vụ", cell: "D7" }),
      // The forms' 20 points are not the profile's 100-point scale: said, not hidden.
      expect.objectContaining({ code: "max_sum_mismatch", severity: "warning" }),
    ]);
  });
});

describe("dti validate", () => {
  it("exit 0 and a readable report on a clean file, exit 1 with the cell on errors", async () => {
    const ok = await run(validate, [
      await summaryFile("v-ok.xlsx", clean.slice(0, 3)),
      "--set",
      "sonla-2024",
    ]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain("Bố cục: bảng tổng hợp");
    expect(ok.out).toContain("0 lỗi");
    const bad = await run(validate, [
      await summaryFile("v-bad.xlsx", [[1, "Sở Tài chính", "Sở, ban, ngành", "1.000", 54]]),
      "--set",
      "sonla-2024",
      "--json",
    ]);
    expect(bad.code).toBe(1);
    const json = JSON.parse(bad.out);
    expect(json).toMatchObject({
      layout: "summary",
      units: 1,
      indicators: 2,
      set: { id: "sonla-2024" },
    });
    expect(json.issues).toEqual([
      expect.objectContaining({
        code: "ambiguous_number",
        severity: "error",
        sheet: "Kết quả",
        cell: "D4",
      }),
    ]);
    // What the results say (a provisional total) is the ranking's, not the check's.
    const ranked = await run(rank, [
      await summaryFile("v-bad2.xlsx", [[1, "Sở Tài chính", "Sở, ban, ngành", "1.000", 54]]),
      "--set",
      "sonla-2024",
      "--json",
    ]);
    expect(JSON.parse(ranked.out).issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "ambiguous_number" }),
        expect.objectContaining({ code: "provisional_total", severity: "warning" }),
      ])
    );
  });

  it("--sheet chooses the sheet; an unknown one is unusable input (exit 2)", async () => {
    const file = await summaryFile("sheet.xlsx", clean);
    expect((await run(validate, [file, "--sheet", "ket qua", "--set", "sonla-2024"])).code).toBe(0);
    const r = await run(validate, [file, "--sheet", "Khác"]);
    expect(r.code).toBe(2);
    expect(r.err.split("\n")).toHaveLength(1);
  });
});

describe("unusable input: exit 2 with one line on stderr", () => {
  it.each([
    ["a missing file", () => join(dir, "khong-co.xlsx"), /Không tìm thấy tệp.*File not found/],
    [
      "a CSV saved as .xlsx",
      () => {
        const f = join(dir, "fake.xlsx");
        writeFileSync(f, "STT,Tên,Điểm\n1,Sở A,8\n");
        return f;
      },
      /không phải sổ tính Excel.*not an Excel/,
    ],
  ])("%s", async (_what, make, message) => {
    for (const cmd of [rank, validate]) {
      const r = await run(cmd, [make(), "--json"]);
      expect(r.code).toBe(2);
      expect(r.out).toBe("");
      expect(r.err).toMatch(message);
      expect(r.err.split("\n")).toHaveLength(1);
    }
  });

  it("a workbook without a recognisable table", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Trang 1").getCell("B2").value = "Xin chào";
    const f = join(dir, "empty.xlsx");
    await wb.xlsx.writeFile(f);
    const r = await run(rank, [f]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^dti rank: .+/);
  });

  it("an indicator list without unit scores cannot be ranked (it can be validated)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Bộ chỉ số");
    ws.getRow(1).values = ["Mã", "Tên chỉ số", "Điểm tối đa"];
    ws.getRow(2).values = ["1", "Nhận thức số", 10];
    const f = join(dir, "list.xlsx");
    await wb.xlsx.writeFile(f);
    const r = await run(rank, [f]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no unit score columns/);
    expect((await run(validate, [f])).code).toBe(0);
  });

  it("an unknown --set, an unknown option, no file", async () => {
    const file = await summaryFile("opts.xlsx", clean);
    expect((await run(rank, [file, "--set", "hanoi-1999"])).err).toMatch(/hanoi-1999.*sonla-2024/);
    expect((await run(rank, [file, "--bogus"])).code).toBe(2);
    expect((await run(rank, [])).code).toBe(2);
    expect((await run(rank, [file, "--lang", "fr"])).code).toBe(2);
  });
});

describe("dti demo", () => {
  it("writes the sample, validates and ranks it, prints a table per group", async () => {
    const { code, out } = await run(demo, []);
    expect(code).toBe(0);
    expect(out).toContain("không phải bộ chỉ số chính thức");
    expect(out).toContain("Nhóm: Sở, ban, ngành cấp tỉnh");
    expect(out).toContain("Nhóm: UBND các huyện, thành phố");
    expect(out).toMatch(/Hạng\s+Đơn vị/);
    expect(out).toMatch(/\s1\s+Sở Thông tin và Truyền thông/);
    const en = await run(demo, ["--lang", "en"]);
    expect(en.out).toContain("not official");
    expect(en.out).toMatch(/Rank\s+Unit/);
  });
});

describe("the real process: node bin/dti.js", () => {
  it("sets the exit code (1: errors, 2: unusable) and prints exactly one JSON object", async () => {
    const file = join(dir, "sample-process.xlsx");
    await writeGridsXlsx(sampleGrids(), file, { "dti.profileId": "sample" });
    const dti = (...args: string[]) =>
      spawnSync(process.execPath, [join(root, "bin", "dti.js"), ...args], {
        encoding: "utf8",
        cwd: tmpdir(),
      });
    const r = dti("rank", file, "--json");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).set.id).toBe("sample");
    const missing = dti("validate", join(dir, "nope.xlsx"));
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe("");
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    const sets = dti("sets", "--json");
    expect(sets.status).toBe(0);
    expect(JSON.parse(sets.stdout).length).toBeGreaterThanOrEqual(9);
  });
});

describe("human output of many issues", () => {
  it("lists at most 20 of one code and counts the rest; the counts line counts all", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => [
      i + 1,
      `Sở ${i + 1}`,
      "Sở, ban, ngành",
      "abc",
      50,
    ]);
    const file = await summaryFile("many.xlsx", rows);
    const { code, out } = await run(validate, [file, "--set", "sonla-2024"]);
    expect(code).toBe(1);
    expect(out.split("\n").filter((l) => l.includes("abc"))).toHaveLength(20);
    expect(out).toContain('… và 10 vấn đề "not_a_number" khác (xem đủ với --json)');
    expect(out).toMatch(/30 lỗi/);
  });
});
