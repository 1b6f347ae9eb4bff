import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/** The fields of one St Petersburg portal appeal that routing learns from. */
export interface SpbAppeal {
  id: string;
  submittedAt: Date;
  category: string;
  reason: string;
  /** Short district name as the portal writes it, e.g. «Невский». */
  district: string;
  municipality?: string;
  cityObject?: string;
  text: string;
  address?: string;
  /** Organisation that gave the final answer; absent while only an interim answer exists. */
  finalAnswerOrg?: string;
  /** Organisation of the last answer of any kind. */
  lastAnswerOrg?: string;
  /** How many times the portal moved the appeal to another organisation. */
  rerouteCount: number;
}

/** A line of the data file that is not an appeal; names the line and the field. */
export class SpbAppealFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'SpbAppealFormatError';
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function answers(value: unknown): { org?: string; kind?: string }[] {
  if (!Array.isArray(value)) return [];
  return value.map((a: unknown) => {
    const record = (typeof a === 'object' && a !== null ? a : {}) as Record<string, unknown>;
    return { org: text(record.author_org), kind: text(record.kind) };
  });
}

/** Maps one parsed JSON line to an appeal. */
export function toSpbAppeal(raw: unknown, line: number): SpbAppeal {
  if (typeof raw !== 'object' || raw === null) throw new SpbAppealFormatError(line, 'not a JSON object');
  const r = raw as Record<string, unknown>;
  const submitted = text(r.submitted_at);
  const at = submitted ? new Date(`${submitted}${/[zZ]|[+-]\d\d:?\d\d$/.test(submitted) ? '' : '+03:00'}`) : undefined;
  if (!at || Number.isNaN(at.getTime())) throw new SpbAppealFormatError(line, 'submitted_at: missing or not a date');
  const category = text(r.category);
  const reason = text(r.reason);
  const district = text(r.district);
  if (!category) throw new SpbAppealFormatError(line, 'category: missing');
  if (!reason) throw new SpbAppealFormatError(line, 'reason: missing');
  if (!district) throw new SpbAppealFormatError(line, 'district: missing');
  const all = answers(r.answers);
  return {
    id: String(r.id ?? line),
    submittedAt: at,
    category,
    reason,
    district,
    municipality: text(r.municipality)?.replace(/\s+/g, ' '),
    cityObject: text(r.city_object),
    text: text(r.text) ?? '',
    address: text(r.address),
    finalAnswerOrg: text(r.responsible_org),
    lastAnswerOrg: all.length > 0 ? all[all.length - 1].org : undefined,
    rerouteCount: Array.isArray(r.reroutes) ? r.reroutes.length : 0,
  };
}

/** Streams the appeals of a `.jsonl` or `.jsonl.gz` file (the portal's times are Moscow time). */
export async function* readSpbAppeals(file: string): AsyncGenerator<SpbAppeal> {
  const stream = createReadStream(file);
  const input = file.endsWith('.gz') ? stream.pipe(createGunzip()) : stream;
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const raw of lines) {
    line++;
    if (raw.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw new SpbAppealFormatError(line, `not JSON (${(error as Error).message})`);
    }
    yield toSpbAppeal(parsed, line);
  }
}

/** Reads a whole file into memory (≈40 k appeals fit easily). */
export async function loadSpbAppeals(file: string): Promise<SpbAppeal[]> {
  const out: SpbAppeal[] = [];
  for await (const appeal of readSpbAppeals(file)) out.push(appeal);
  return out;
}
