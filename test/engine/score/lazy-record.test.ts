/**
 * Lazy records (src/engine/score/lazy-record.ts): read like plain objects, built on first read;
 * `peek` reads a value without keeping it (the ranked sheets' one pass over 330,000 components),
 * `keysOf` lists keys without building any value.
 */
import { keysOf, lazyRecord, peek } from "../../../src/engine/score/lazy-record";

function counted(): {
  record: Readonly<Record<string, { code: string; n: number }>>;
  made: () => number;
} {
  let made = 0;
  const keys = ["1.1", "1.2", "2.1"];
  const record = lazyRecord(
    keys,
    new Map(keys.map((k, i) => [k, i])),
    (i, arg) => {
      made++;
      return { code: keys[i] ?? "", n: i + arg };
    },
    10
  );
  return { record, made: () => made };
}

describe("lazy records", () => {
  it("read like a plain object and build each value once", () => {
    const { record, made } = counted();
    expect(record["1.2"]).toEqual({ code: "1.2", n: 11 });
    expect(record["1.2"]).toBe(record["1.2"]);
    expect(made()).toBe(1);
    expect(JSON.parse(JSON.stringify(record))).toEqual({
      "1.1": { code: "1.1", n: 10 },
      "1.2": { code: "1.2", n: 11 },
      "2.1": { code: "2.1", n: 12 },
    });
  });

  it("peek gives the same value without keeping it; a value already built is the one kept", () => {
    const { record, made } = counted();
    expect(peek(record, "2.1")).toEqual({ code: "2.1", n: 12 });
    expect(peek(record, "2.1")).not.toBe(peek(record, "2.1"));
    expect(made()).toBe(3);
    const kept = record["1.1"];
    expect(peek(record, "1.1")).toBe(kept);
    expect(peek(record, "9.9")).toBeUndefined();
  });

  it("keysOf lists the keys in order without building a value; plain objects work too", () => {
    const { record, made } = counted();
    expect(keysOf(record)).toEqual(["1.1", "1.2", "2.1"]);
    expect(made()).toBe(0);
    const plain = { a: 1, b: 2 };
    expect(keysOf(plain)).toEqual(["a", "b"]);
    expect(peek(plain, "b")).toBe(2);
    expect(peek(plain, "toString")).toBeUndefined();
  });
});
