/**
 * A read-only record whose values are built on first access. Scoring 3,321 units × 100 indicators
 * would otherwise allocate 330,000 result objects per evaluation (most never read); this keeps the
 * numbers in typed arrays and builds an IndicatorResult only when asked. It behaves as a plain
 * object for reading: `r["1.2"]`, `"1.2" in r`, Object.keys/entries, spread and JSON.stringify.
 */

interface Target<T> {
  readonly keys: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  readonly make: (i: number, arg: number) => T;
  /** Handed to `make` with the index (one `make` shared by many records, no closure each). */
  readonly arg: number;
  cache: (T | undefined)[] | null;
}

function valueAt<T>(t: Target<T>, key: string | symbol): T | undefined {
  if (typeof key !== "string") return undefined;
  const i = t.index.get(key);
  if (i === undefined) return undefined;
  if (t.cache === null) t.cache = [];
  let v = t.cache[i];
  if (v === undefined) {
    v = t.make(i, t.arg);
    t.cache[i] = v;
  }
  return v;
}

const HANDLER: ProxyHandler<Target<unknown>> = {
  get: (t, key) => valueAt(t, key),
  has: (t, key) => typeof key === "string" && t.index.has(key),
  ownKeys: (t) => [...t.keys],
  getOwnPropertyDescriptor: (t, key) => {
    const value = valueAt(t, key);
    return value === undefined
      ? undefined
      : { value, writable: false, enumerable: true, configurable: true };
  },
  set: () => false,
  defineProperty: () => false,
  deleteProperty: () => false,
  getPrototypeOf: () => Object.prototype,
};

/**
 * A record whose value for `key` is `make(index.get(key), arg)`, built once on first read. `keys`
 * lists each key once, in order (the keys of `index`).
 */
export function lazyRecord<T>(
  keys: readonly string[],
  index: ReadonlyMap<string, number>,
  make: (i: number, arg: number) => T,
  arg = 0
): Readonly<Record<string, T>> {
  const target: Target<T> = { keys, index, make, arg, cache: null };
  const record = new Proxy(target, HANDLER) as unknown as Readonly<Record<string, T>>;
  TARGETS.set(record, target);
  return record;
}

/** Each lazy record's target, for `peek`. */
const TARGETS = new WeakMap<object, Target<unknown>>();

/**
 * `record[key]` without keeping it: a value already built is returned, one not yet built is built
 * and not cached. For one pass over every value of many records (the ranked sheets read each unit's
 * 100 components once: 330,000 results that would otherwise stay in memory with the ranking). A
 * plain object is read as it is.
 */
export function peek<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  const t = TARGETS.get(record) as Target<T> | undefined;
  if (t === undefined)
    return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
  const i = t.index.get(key);
  if (i === undefined) return undefined;
  return t.cache?.[i] ?? t.make(i, t.arg);
}

/** The keys of a record (a lazy one's in order, without building a value). */
export function keysOf(record: Readonly<Record<string, unknown>>): readonly string[] {
  return TARGETS.get(record)?.keys ?? Object.keys(record);
}
