/** @jest-environment jsdom */
/** The layout panel: the column map and tree of a recognised result table, changes sent as overrides. */
import { fireEvent, screen } from "@testing-library/react";
import { evaluate, indicatorSetFromRecognized } from "../../src/engine/evaluate";
import { getProfile } from "../../src/engine/profiles";
import { recognize, type LayoutOverrides } from "../../src/engine/recognize";
import { LayoutPanel } from "../../src/taskpane/components/LayoutPanel/LayoutPanel";
import {
  ScaleQuestionBar,
  scaleQuestionOf,
} from "../../src/taskpane/components/LayoutPanel/ScaleQuestion";
import { renderIn } from "./render";

const profile = getProfile("national-922");
const grid = {
  sheet: "DTI",
  originRow: 1,
  originCol: 1,
  values: [
    ["STT", "Tỉnh, thành phố", "Nhận thức số", "Thể chế số", "DTI 2021", "Chỉ số DTI"],
    [1, "Đà Nẵng", 0.8612, 0.9027, 0.7, 0.8],
    [2, "Lào Cai", 0.6, 0.65, 0.5, 0.6],
    [null, "Ghi chú: số liệu công bố"],
  ],
};

function layout() {
  const r = recognize([grid], profile);
  if (!r.ok || r.value.tableLayout === undefined) throw new Error("not read");
  evaluate(indicatorSetFromRecognized(profile, r.value), r.value);
  return { layout: r.value.tableLayout, indicators: r.value.indicators };
}

it("shows each column's role and max, the scale, rows left out and the tree; a change is an override", () => {
  const { layout: l, indicators } = layout();
  const changes: LayoutOverrides[] = [];
  renderIn(
    <LayoutPanel
      layout={l}
      indicators={indicators}
      busy={false}
      onChange={(c) => changes.push(c)}
    />
  );
  expect(screen.getByText(/tiêu đề dòng 1, dữ liệu dòng 2–3/)).toBeTruthy();
  const roleE = screen.getByLabelText<HTMLSelectElement>("Vai trò của cột E");
  expect(roleE.value).toBe("ignore");
  expect(screen.getByText(/số liệu năm trước/)).toBeTruthy();
  expect(screen.getByLabelText<HTMLSelectElement>("Vai trò của cột C").value).toBe("main:1");
  expect(screen.getByLabelText<HTMLInputElement>("Điểm tối đa của cột C").value).toBe("100");
  expect(screen.getByText(/Ghi chú: số liệu công bố/)).toBeTruthy();
  expect(screen.getByText("1 Nhận thức số (100)")).toBeTruthy();
  fireEvent.change(roleE, { target: { value: "total" } });
  const max = screen.getByLabelText<HTMLInputElement>("Điểm tối đa của cột D");
  fireEvent.change(max, { target: { value: "150" } });
  fireEvent.blur(max);
  expect(changes).toEqual([
    { sheet: "DTI", columns: { E: "total" } },
    { sheet: "DTI", maxima: { D: 150 } },
  ]);
});

it("asks for the scale when it cannot be told, one button per reading", () => {
  const r = recognize(
    [
      {
        sheet: "KQ",
        originRow: 1,
        originCol: 1,
        values: [
          ["Đơn vị", "Kết quả"],
          ["Xã A", 0.81],
          ["Xã B", 0.9],
        ],
      },
    ],
    getProfile("generic")
  );
  expect(r.ok).toBe(false);
  const q = scaleQuestionOf(r.issues);
  expect(q).toMatchObject({ sheet: "KQ", column: "B", choices: ["points", "index"] });
  if (q === null) return;
  const changes: LayoutOverrides[] = [];
  renderIn(<ScaleQuestionBar question={q} busy={false} onChange={(c) => changes.push(c)} />, "en");
  fireEvent.click(screen.getByRole("button", { name: "0..1 index (points ÷ max)" }));
  expect(changes).toEqual([{ sheet: "KQ", scale: "index" }]);
});
