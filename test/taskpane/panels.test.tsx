/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { ExplainPanel } from "../../src/taskpane/components/ExplainPanel/ExplainPanel";
import { RankPanel } from "../../src/taskpane/components/RankPanel/RankPanel";
import { SetPanel } from "../../src/taskpane/components/SetPanel/SetPanel";
import type { LoadedView, RankOptions } from "../../src/taskpane/controller/types";
import { renderIn } from "./render";

const loaded: LoadedView = {
  name: "Bộ chỉ số minh hoạ",
  source: "1287/QĐ-UBND (2024), UBND tỉnh Sơn La",
  groups: [
    { name: "Sở, ban, ngành", maxPoints: 100 },
    { name: "UBND cấp huyện", maxPoints: 100 },
  ],
  mainIndices: 6,
  components: 20,
  maxPoints: 100,
  units: 20,
  from: "Nhập điểm",
  issues: 0,
};

function setPanel(over: Partial<Parameters<typeof SetPanel>[0]> = {}) {
  const props = {
    profiles: [
      { id: "sample", name: "Minh hoạ" },
      { id: "sonla-2024", name: "Sơn La 2024" },
    ],
    profileId: "sample",
    onProfileChange: jest.fn(),
    onRecognizeSheet: jest.fn(),
    onImportFile: jest.fn(),
    onUseProfile: jest.fn(),
    loaded: null,
    confirmed: false,
    onConfirm: jest.fn(),
    busy: false,
    ...over,
  };
  renderIn(<SetPanel {...props} />);
  return props;
}

describe("SetPanel (Bộ chỉ số)", () => {
  it("offers the three ways to load, each with a label", () => {
    const p = setPanel();
    fireEvent.click(screen.getByRole("button", { name: "Nhận dạng trang tính đang mở" }));
    expect(p.onRecognizeSheet).toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText("Bộ quy tắc có sẵn"), {
      target: { value: "sonla-2024" },
    });
    expect(p.onProfileChange).toHaveBeenCalledWith("sonla-2024");
    fireEvent.click(screen.getByRole("button", { name: "Dùng bộ quy tắc này" }));
    expect(p.onUseProfile).toHaveBeenCalled();
    expect(screen.getByLabelText("Nhập tệp bộ chỉ số (.xlsx)")).toBeTruthy();
  });

  it("reads an imported file as bytes and hands them over with its name", async () => {
    const p = setPanel();
    const file = new File([new Uint8Array([80, 75, 3, 4])], "bo-chi-so.xlsx");
    fireEvent.change(screen.getByLabelText("Nhập tệp bộ chỉ số (.xlsx)"), {
      target: { files: [file] },
    });
    await waitFor(() => expect(p.onImportFile).toHaveBeenCalled());
    const arg = (p.onImportFile as jest.Mock).mock.calls[0][0] as {
      name: string;
      bytes: ArrayBuffer;
    };
    expect(arg.name).toBe("bo-chi-so.xlsx");
    expect([...new Uint8Array(arg.bytes)]).toEqual([80, 75, 3, 4]);
  });

  it("shows what was loaded (source decision, groups, indices, components, max) and asks to confirm", () => {
    const p = setPanel({ loaded });
    const card = screen.getByRole("group", { name: "Bộ chỉ số đã nạp" });
    expect(card.textContent).toContain("1287/QĐ-UBND (2024)");
    expect(card.textContent).toContain("UBND cấp huyện: tối đa 100 điểm");
    expect(card.textContent).toMatch(/Chỉ số chính6/);
    expect(card.textContent).toMatch(/Chỉ số thành phần20/);
    fireEvent.click(screen.getByRole("button", { name: "Xác nhận bộ chỉ số" }));
    expect(p.onConfirm).toHaveBeenCalled();
  });

  it("says it is confirmed instead of asking again", () => {
    setPanel({ loaded, confirmed: true });
    expect(screen.queryByRole("button", { name: "Xác nhận bộ chỉ số" })).toBeNull();
    expect(screen.getByText(/Đã xác nhận/)).toBeTruthy();
  });
});

describe("RankPanel (Xếp hạng)", () => {
  const options: RankOptions = {
    groups: ["so", "huyen"],
    tiePolicy: "competition",
    roundingStage: "display",
    decimals: 2,
    lastYearSheet: null,
  };
  function rankPanel(over: Partial<Parameters<typeof RankPanel>[0]> = {}) {
    const props = {
      ready: true,
      groups: [
        { id: "so", name: "Sở, ban, ngành" },
        { id: "huyen", name: "UBND cấp huyện" },
      ],
      options,
      onOptionsChange: jest.fn(),
      sheets: ["KQ 2023"],
      onBuild: jest.fn(),
      building: false,
      progress: null,
      result: null,
      onOpenSheet: jest.fn(),
      ...over,
    };
    renderIn(<RankPanel {...props} />);
    return props;
  }

  it("changes groups, ties, rounding and last year's source", () => {
    const p = rankPanel();
    fireEvent.click(screen.getByRole("checkbox", { name: "UBND cấp huyện" }));
    expect(p.onOptionsChange).toHaveBeenLastCalledWith({ ...options, groups: ["so"] });
    fireEvent.click(screen.getByRole("radio", { name: "Đồng hạng, không bỏ hạng (1, 1, 2)" }));
    expect(p.onOptionsChange).toHaveBeenLastCalledWith({ ...options, tiePolicy: "dense" });
    fireEvent.change(screen.getByLabelText("Làm tròn ở bước"), { target: { value: "total" } });
    expect(p.onOptionsChange).toHaveBeenLastCalledWith({ ...options, roundingStage: "total" });
    fireEvent.change(screen.getByLabelText("Kết quả năm trước (để so sánh)"), {
      target: { value: "KQ 2023" },
    });
    expect(p.onOptionsChange).toHaveBeenLastCalledWith({ ...options, lastYearSheet: "KQ 2023" });
  });

  it("builds in one click, and cannot build with no group chosen", () => {
    const p = rankPanel();
    fireEvent.click(screen.getByRole("button", { name: "Tạo bảng xếp hạng" }));
    expect(p.onBuild).toHaveBeenCalledTimes(1);
  });

  it("cannot build with no group chosen", () => {
    rankPanel({ options: { ...options, groups: [] } });
    expect(
      screen.getByRole<HTMLButtonElement>("button", { name: "Tạo bảng xếp hạng" }).disabled
    ).toBe(true);
  });

  it("shows progress while building and links to the sheets made", () => {
    const p = rankPanel({ result: { sheets: ["XH - Sở", "XH - Huyện"], units: 20 } });
    expect(screen.getByText("20 đơn vị được xếp hạng.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Mở trang XH - Huyện" }));
    expect(p.onOpenSheet).toHaveBeenCalledWith("XH - Huyện");
  });

  it("shows a progress bar while building", () => {
    rankPanel({ building: true });
    expect(screen.getByRole("progressbar", { name: "Đang tạo bảng xếp hạng…" })).toBeTruthy();
  });
});

describe("ExplainPanel (Giải thích)", () => {
  it("asks for a selection, then shows method, inputs, rule and source", () => {
    const { rerender } = renderIn(<ExplainPanel state={{ kind: "none" }} />);
    expect(screen.getByText(/Chọn một ô điểm/)).toBeTruthy();
    rerender(
      <ExplainPanel
        state={{
          kind: "explained",
          view: {
            cell: "'Nhập điểm'!F7",
            unit: "Sở Y tế",
            indicator: "1.1 Người đứng đầu",
            points: "5 trên tối đa 5",
            method: "Điểm thẩm định đã nhập",
            rule: "Sơn La 2024: chấm trực tiếp",
            inputs: [{ label: "Giá trị trong ô", value: "5" }],
            source: "1287/QĐ-UBND (2024)",
          },
        }}
      />
    );
    const dl = document.querySelector("dl")!;
    expect(within(dl as HTMLElement).getByText("Điểm thẩm định đã nhập")).toBeTruthy();
    expect(dl.textContent).toContain("Giá trị trong ô5");
    expect(dl.textContent).toContain("1287/QĐ-UBND (2024)");
  });
});
