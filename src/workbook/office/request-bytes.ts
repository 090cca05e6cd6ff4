/**
 * What the adapter's commands weigh in a request, so a batch can be cut under Excel on the web's
 * 5 MB request limit ("RequestPayloadSizeLimitExceeded"; Office Add-ins resource limits, "Excel add-ins":
 * https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization).
 *
 * Measured, not guessed: the real Excel client library (`@microsoft/office-js`, excel-web-16.00) was
 * run in Node with a recording request executor (test/workbook/office/real-client.ts) and each
 * command's share of the request body (`JSON.stringify(Body)`, in UTF-8) measured. Per command, on a
 * sheet already referenced in the request:
 *   one-cell fill set / clear / load   ~700     merge              ~430
 *   column width                       ~570     bold + fill style  ~950 (a style op ~500, ~220 a property)
 *   thin borders on a range (6 edges)  ~3,600   locked = false     ~710
 *   data validation + prompt + alert   ~1,080 with short Vietnamese texts
 *   conditional format (custom, fill)  ~1,430   merged-areas query ~780
 *   a matrix write: its JSON in UTF-8, plus ~900 bytes per 1,500 cells (the client writes a large
 *   matrix as 1,500-cell pieces, each with its own range objects: `setRangePropertiesInBulk`).
 * The figures below are those rounded up by a quarter or more; `npm run bench requests` prints the
 * real bytes per sync of the main actions, and test/workbook/office/request-size.test.ts fails if
 * any request of them at 3,321 units reaches 5 MB.
 */

export const BYTES = {
  /** A command not listed below (activate, delete, name, visibility, protect, page setup...). */
  op: 600,
  /** Setting, clearing or loading one cell's fill. */
  fill: 900,
  merge: 560,
  columnWidth: 720,
  styleBase: 650,
  styleProp: 280,
  border: 4_500,
  validation: 1_400,
  conditional: 1_800,
  table: 1_400,
  chart: 3_000,
  mergeTile: 1_000,
} as const;

/** Cells the client library puts in one piece of a large matrix write. */
const CLIENT_PIECE_CELLS = 1_500;
const PIECE_BYTES = 900;

/** UTF-8 length of a string (what goes over the wire), without allocating. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4; // a surrogate pair: one 4-byte character
      i++;
    } else n += 3;
  }
  return n;
}

/** Bytes a matrix write adds to a request: its JSON in UTF-8 and the client's per-piece overhead. */
export function matrixRequestBytes(m: readonly (readonly unknown[])[]): number {
  const cells = m.reduce((s, row) => s + row.length, 0);
  return utf8Length(JSON.stringify(m)) + Math.ceil(cells / CLIENT_PIECE_CELLS) * PIECE_BYTES + 300;
}
