/** JSON array with one record per line: readable diffs for seed files and stable order. */
export function formatRecords(records: readonly object[]): string {
  return `[\n${records.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n]\n`;
}
