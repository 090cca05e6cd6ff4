/**
 * Scratch typed arrays reused between evaluations. Allocating ~10 MB of fresh ArrayBuffers per
 * evaluation of 3,321 units × 100 indicators made V8 run full garbage collections each time
 * (external memory pressure); buffers only needed during one synchronous call are kept here instead.
 * Never hand a scratch array out of the call that took it.
 */
const f64 = new Map<string, Float64Array>();
const u8 = new Map<string, Uint8Array>();

/** A Float64Array of `length` filled with `fill`, reused for the same `slot`. */
export function scratchF64(slot: string, length: number, fill: number): Float64Array {
  let a = f64.get(slot);
  if (a === undefined || a.length !== length) {
    a = new Float64Array(length);
    f64.set(slot, a);
  }
  return a.fill(fill);
}

/** A Uint8Array of `length` filled with `fill`, reused for the same `slot`. */
export function scratchU8(slot: string, length: number, fill: number): Uint8Array {
  let a = u8.get(slot);
  if (a === undefined || a.length !== length) {
    a = new Uint8Array(length);
    u8.set(slot, a);
  }
  return a.fill(fill);
}
