/** The pane's reducer (issue 14 item 5) and the stale state it clears (issue 13). */
import { getProfile } from "../../src/engine/profiles";
import type { IndicatorSet } from "../../src/engine/model/types";
import { initialPaneState, paneReducer } from "../../src/taskpane/controller/pane-state";

const set = (id: string): IndicatorSet => ({ profile: getProfile(id), indicators: [] });

describe("pane state", () => {
  const ready = paneReducer(initialPaneState("vi", "sample"), {
    type: "ready",
    set: set("sample"),
  });

  it("a failed build leaves no success message from an earlier build", () => {
    let s = paneReducer(ready, { type: "build-start" });
    s = paneReducer(s, { type: "build-end", result: { sheets: ["XH - A"], units: 3 } });
    expect(s.rankResult?.units).toBe(3);
    s = paneReducer(s, { type: "build-start" });
    expect(s.rankResult).toBeNull();
    s = paneReducer(s, { type: "build-end", result: null });
    expect(s.rankResult).toBeNull();
    expect(s.building).toBe(false);
  });

  it("asks before a build with errors, and the question goes when the build starts", () => {
    let s = paneReducer(ready, { type: "build-ask", appendix: true });
    expect(s.pendingBuild).toEqual({ appendix: true });
    s = paneReducer(s, { type: "build-start" });
    expect(s.pendingBuild).toBeNull();
  });

  it("a last-year sheet that is gone is no longer chosen", () => {
    let s = paneReducer(ready, { type: "sheets", sheets: ["KQ 2023"] });
    s = paneReducer(s, {
      type: "rank-options",
      options: { ...s.rankOptions, lastYearSheet: "KQ 2023" },
    });
    s = paneReducer(s, { type: "sheets", sheets: ["Khác"] });
    expect(s.rankOptions.lastYearSheet).toBeNull();
  });

  it("confirming another set drops the old set's results and its rank options", () => {
    let s = paneReducer(ready, { type: "build-end", result: { sheets: ["XH - A"], units: 3 } });
    s = paneReducer(s, { type: "ready", set: set("sonla-2024") });
    expect(s.rankResult).toBeNull();
    expect(s.rankOptions.groups).toEqual(getProfile("sonla-2024").groups.map((g) => g.id));
    expect(s.profileId).toBe("sonla-2024");
  });

  it("keeps an error with the place of the action that caused it", () => {
    const s = paneReducer(ready, { type: "error", error: { kind: "unknown" }, place: "rank" });
    expect(s.error?.place).toBe("rank");
  });
});

describe("a sheet that is gone (deleted or renamed by the user)", () => {
  const ready = paneReducer(initialPaneState("vi", "sample"), {
    type: "ready",
    set: set("sample"),
  });

  it("takes with it its issues, its links in the results, an explanation and a last-year choice", () => {
    let s = paneReducer(ready, {
      type: "issues",
      issues: [
        {
          code: "score_above_max",
          severity: "error",
          cell: { sheet: "Nhập điểm", cell: "F7" },
          params: { value: 9, max: 5 },
        },
        {
          code: "unknown_group",
          severity: "warning",
          cell: { sheet: "Đơn vị", cell: "C2" },
          params: { group: "Khối lạ", groups: "Sở, ban, ngành", unitName: "Sở A" },
        },
        { code: "no_indicator_set", severity: "error", params: {} },
      ],
    });
    s = paneReducer(s, { type: "build-end", result: { sheets: ["XH - A", "XH - B"], units: 3 } });
    s = paneReducer(s, { type: "sheets", sheets: ["KQ 2023", "Khác"] });
    s = paneReducer(s, {
      type: "rank-options",
      options: { ...s.rankOptions, lastYearSheet: "KQ 2023" },
    });
    s = paneReducer(s, {
      type: "explain",
      raw: { kind: "not-a-result", cell: { sheet: "XH - A", cell: "B3" } },
    });

    s = paneReducer(s, { type: "sheet-gone", sheet: "nhập điểm" });
    expect(s.issues.map((i) => i.code)).toEqual(["unknown_group", "no_indicator_set"]);
    s = paneReducer(s, { type: "sheet-gone", sheet: "XH - A" });
    expect(s.rankResult?.sheets).toEqual(["XH - B"]);
    expect(s.explainRaw).toEqual({ kind: "none" });
    s = paneReducer(s, { type: "sheet-gone", sheet: "KQ 2023" });
    expect(s.rankOptions.lastYearSheet).toBeNull();
    expect(s.sheets).toEqual(["Khác"]);
  });
});
