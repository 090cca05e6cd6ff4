/** DTI.* through invoke: 100,000 GRADE calls (as a sheet full of =DTI.GRADE recalculates) and one TABLE over 3,321 units. */
import { invoke } from "../src/engine/functions";
import type { BenchFigure } from "./run";
import { medianMs } from "./measure";

export default function bench(): Promise<BenchFigure[]> {
  const points = Array.from({ length: 100_000 }, (_, i) => ((i * 7919) % 100_001) / 100); // 0..1000
  let sink = 0;
  const gradeMs = medianMs(() => {
    for (const p of points) {
      const r = invoke("GRADE", [p, 1000, null]);
      if (r === "Tốt") sink += 1;
    }
  }, 5);
  const gradeProfileMs = medianMs(() => {
    for (const p of points) {
      const r = invoke("GRADE", [p, 1000, "laocai-2022"]);
      if (r === "Dẫn dắt") sink += 1;
    }
  }, 5);

  const n = 3321; // every commune-level unit in Việt Nam after the 2025 reform
  const units = Array.from({ length: n }, (_, i) => [`Đơn vị ${i + 1}`]);
  const pts = Array.from({ length: n }, (_, i) => [
    i % 97 === 0 ? null : ((i * 104729) % 100_001) / 100,
  ]);
  const groups = Array.from({ length: n }, (_, i) => [i % 3 === 0 ? "Phường" : "Xã"]);
  let rows = 0;
  const tableMs = medianMs(() => {
    const t = invoke("TABLE", [units, pts, groups, 1000, "sonla-2024"]);
    rows = Array.isArray(t) ? t.length : -1;
  }, 7);
  if (sink < 0 || rows !== n + 1) throw new Error(`unexpected TABLE size ${rows}`);
  return Promise.resolve([
    {
      name: "functions: 100,000 × DTI.GRADE via invoke (default bands)",
      medianMs: gradeMs,
      runs: 5,
    },
    {
      name: "functions: 100,000 × DTI.GRADE via invoke (profile id)",
      medianMs: gradeProfileMs,
      runs: 5,
    },
    {
      name: "functions: DTI.TABLE over 3,321 units in 2 groups",
      medianMs: tableMs,
      runs: 7,
      note: `${rows} rows incl. header`,
    },
  ]);
}
