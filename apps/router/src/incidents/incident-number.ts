/** Hands out the next number of a sequence, atomically (a counter document with $inc). */
export interface CounterStore {
  next(sequence: string): Promise<number>;
}

/** `78-2026-000123`: the region's subject code, the year in the region's zone, a six-digit sequence. */
export function formatIncidentNumber(subjectCode: string, year: number, sequence: number): string {
  return `${subjectCode}-${year}-${String(sequence).padStart(6, '0')}`;
}

/** Name of the counter of one region and year. */
export function numberSequence(regionCode: string, year: number): string {
  return `incident:${regionCode}:${year}`;
}
