/**
 * Placeholder until the DTI custom functions land.
 * @customfunction VERSION
 * @returns The add-in version.
 */
export function version(): string {
  return "0.1.0";
}
