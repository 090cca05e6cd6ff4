/** Queued writes cut into syncs under the request limit (Excel on the web refuses requests above 5 MB). */
import { BYTES, matrixRequestBytes, utf8Length } from "../request-bytes";

/** A queued write: one command (atomic), or a matrix that may be cut into row pieces. */
type QueuedOp =
  | { readonly kind: "op"; readonly bytes: number; readonly run: () => void }
  | {
      readonly kind: "matrix";
      readonly bytes: number;
      /** Bytes of each row in a request (its JSON in UTF-8 and its share of the client's pieces). */
      readonly rowBytes: readonly number[];
      readonly write: (firstRow: number, rows: number) => void;
    };

/**
 * Writes queued with their estimated bytes, flushed in as few syncs as the limit allows: each sync
 * is filled up to the limit, a matrix being cut at a row where the sync is full and carried on in
 * the next. So the syncs a write takes are ⌈its bytes / the limit⌉ (one more at most when an atomic
 * command does not fit what is left): they grow with the data written, never with a number of
 * commands, units or sheets.
 */
export class WriteQueue {
  private readonly ops: QueuedOp[] = [];
  constructor(private readonly limit: number) {}

  get limitBytes(): number {
    return this.limit;
  }

  add(bytes: number, run: () => void): void {
    this.ops.push({ kind: "op", bytes, run });
  }

  /** A matrix write; `write(first, piece)` writes rows first.. of it (cut where a sync is full). */
  addMatrix<T>(
    rows: readonly (readonly T[])[],
    write: (firstRow: number, piece: T[][]) => void
  ): void {
    const total = matrixRequestBytes(rows);
    const rowBytes = rows.map((r) => utf8Length(JSON.stringify(r)) + 1);
    const json = rowBytes.reduce((a, b) => a + b, 0);
    // The client's per-piece overhead and the command's own, spread over the rows.
    const extra = (total - json) / Math.max(rows.length, 1);
    this.ops.push({
      kind: "matrix",
      bytes: total,
      rowBytes: rowBytes.map((b) => b + extra),
      write: (first, count) =>
        write(
          first,
          rows.slice(first, first + count).map((r) => [...r])
        ),
    });
  }

  get totalBytes(): number {
    return this.ops.reduce((s, o) => s + o.bytes, 0);
  }

  /** Groups of commands, each under the limit (an atomic command larger than the limit goes alone). */
  groups(): (() => void)[][] {
    const out: (() => void)[][] = [];
    let cur: (() => void)[] = [];
    let bytes = 0;
    const close = (): void => {
      if (cur.length > 0) out.push(cur);
      cur = [];
      bytes = 0;
    };
    for (const op of this.ops) {
      if (op.kind === "op") {
        if (cur.length > 0 && bytes + op.bytes > this.limit) close();
        cur.push(op.run);
        bytes += op.bytes;
        continue;
      }
      const n = op.rowBytes.length;
      if (n === 0) continue;
      // A piece costs a command of its own (~BYTES.op) besides its rows.
      for (let start = 0; start < n;) {
        let count = 0;
        let piece = BYTES.op;
        while (
          start + count < n &&
          bytes + piece + (op.rowBytes[start + count] ?? 0) <= this.limit
        ) {
          piece += op.rowBytes[start + count] ?? 0;
          count++;
        }
        if (count === 0) {
          if (cur.length > 0) {
            close();
            continue;
          }
          // One row above the limit alone: it goes alone (Excel will refuse it, and say so).
          count = 1;
          piece += op.rowBytes[start] ?? 0;
        }
        const first = start;
        const rows = count;
        cur.push(() => op.write(first, rows));
        bytes += piece;
        start += count;
        if (start < n) close();
      }
    }
    close();
    return out;
  }
}

/** Runs the groups, one sync after each (a promise chain: syncs are never issued inside a loop body). */
export function flush(
  context: Excel.RequestContext,
  groups: readonly (readonly (() => void)[])[]
): Promise<void> {
  return groups.reduce<Promise<void>>(
    (prev, group) =>
      prev.then(() => {
        group.forEach((run) => run());
        return context.sync();
      }),
    Promise.resolve()
  );
}
