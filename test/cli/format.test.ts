import { gradeText } from "../../src/cli/format";

describe("CLI grade text", () => {
  it("a total in a gap between bands says so, naming both neighbours (table and --json)", () => {
    const gap = { kind: "gap", below: "Khởi động", above: "Hình thành" } as const;
    expect(gradeText(gap, "vi")).toBe("Chưa xếp loại (giữa Khởi động và Hình thành)");
    expect(gradeText(gap, "en")).toBe("Not graded (between Khởi động and Hình thành)");
    expect(gradeText({ kind: "band", label: "Khá", labelEn: "Fairly good" }, "en")).toBe(
      "Fairly good"
    );
    expect(gradeText({ kind: "none" }, "vi")).toBeNull();
  });
});
