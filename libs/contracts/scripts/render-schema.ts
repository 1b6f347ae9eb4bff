/** The exact text a schema file holds, so the freshness test compares like with like. */
export function renderSchema(schema: object): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
