import fc from "fast-check";
import { rankPoints } from "../../../src/engine/rank";

describe("rankPoints", () => {
  test("competition ranking by default: 1, 2, 2, 4", () => {
    expect(rankPoints([90, 80, 80, 70], "competition")).toEqual([1, 2, 2, 4]);
  });
  test("dense: 1, 2, 2, 3", () => {
    expect(rankPoints([90, 80, 80, 70], "dense")).toEqual([1, 2, 2, 3]);
  });
  test("input order is kept", () => {
    expect(rankPoints([70, 80, 90, 80], "competition")).toEqual([4, 2, 1, 2]);
  });
  test("nulls rank null and do not count", () => {
    expect(rankPoints([null, 80, 90, null], "competition")).toEqual([null, 2, 1, null]);
  });
  test("float-safe equality: 0.1 + 0.2 ties with 0.3", () => {
    expect(rankPoints([0.1 + 0.2, 0.3, 0.29], "competition")).toEqual([1, 1, 3]);
  });
  test("main-index-order breaks ties by the key vector, left to right", () => {
    const keys = [
      [10, 5],
      [10, 7],
      [12, 0],
      [10, 7],
    ];
    expect(rankPoints([80, 80, 80, 80], "main-index-order", keys)).toEqual([4, 2, 1, 2]);
    expect(rankPoints([90, 80, 80, 70], "main-index-order", [[0], [1], [2], [9]])).toEqual([
      1, 3, 2, 4,
    ]);
  });
  test("main-index-order without keys is competition ranking", () => {
    expect(rankPoints([90, 80, 80], "main-index-order")).toEqual([1, 2, 2]);
  });
  test("competition and dense ignore tie-break keys (no silent tie-break)", () => {
    expect(rankPoints([80, 80], "competition", [[1], [2]])).toEqual([1, 1]);
  });
  test("empty input", () => expect(rankPoints([], "dense")).toEqual([]));

  const pointsArb = fc.array(
    fc.option(
      fc.integer({ min: 0, max: 40 }).map((n) => n / 4),
      { nil: null }
    ),
    { maxLength: 40 }
  );

  test("property: ties share a rank; higher points rank better", () => {
    fc.assert(
      fc.property(
        pointsArb,
        fc.constantFrom("competition" as const, "dense" as const),
        (pts, policy) => {
          const r = rankPoints(pts, policy);
          pts.forEach((a, i) =>
            pts.forEach((b, j) => {
              if (a === null || b === null) return;
              if (a === b) expect(r[i]).toBe(r[j]);
              if (a > b) expect(r[i]!).toBeLessThan(r[j]!);
            })
          );
          pts.forEach((p, i) => expect(r[i] === null).toBe(p === null));
        }
      )
    );
  });

  test("property: competition rank = 1 + number of strictly higher totals", () => {
    fc.assert(
      fc.property(pointsArb, (pts) => {
        const r = rankPoints(pts, "competition");
        pts.forEach((p, i) => {
          if (p !== null) expect(r[i]).toBe(1 + pts.filter((q) => q !== null && q > p).length);
        });
      })
    );
  });

  test("property: permuting units does not change anyone's rank", () => {
    fc.assert(
      fc.property(
        pointsArb.chain((pts) =>
          fc.tuple(
            fc.constant(pts),
            fc.shuffledSubarray(
              pts.map((_, i) => i),
              { minLength: pts.length, maxLength: pts.length }
            )
          )
        ),
        fc.constantFrom("competition" as const, "dense" as const),
        ([pts, perm], policy) => {
          const r = rankPoints(pts, policy);
          const rp = rankPoints(
            perm.map((i) => pts[i]!),
            policy
          );
          perm.forEach((orig, k) => expect(rp[k]).toBe(r[orig]));
        }
      )
    );
  });
});
