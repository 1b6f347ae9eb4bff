import { DeskError, FieldIssue } from '../common/desk-error';

/**
 * Open311 input comes as form fields or query parameters with the spec's names; it is checked
 * here rather than by DTOs so that every problem is reported in the spec's error format.
 */
export type Fields = Record<string, unknown>;

/** The list of problems, raised as one 400 once all fields are checked. */
export class FieldCheck {
  readonly issues: FieldIssue[] = [];

  fail(field: string, message: string): undefined {
    this.issues.push({ field, message });
    return undefined;
  }

  text(fields: Fields, name: string, max: number, required = false): string | undefined {
    const value = fields[name];
    if (value === undefined || value === '') return required ? this.fail(name, 'required') : undefined;
    if (typeof value !== 'string') return this.fail(name, 'must be text');
    if (value.length > max) return this.fail(name, `at most ${max} characters`);
    return value.trim();
  }

  number(fields: Fields, name: string, min: number, max: number): number | undefined {
    const raw = fields[name];
    if (raw === undefined || raw === '') return undefined;
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : Number.NaN;
    if (!Number.isFinite(value) || value < min || value > max) return this.fail(name, `must be a number from ${min} to ${max}`);
    return value;
  }

  url(fields: Fields, name: string): string | undefined {
    const value = this.text(fields, name, 2000);
    if (value === undefined) return undefined;
    try {
      const parsed = new URL(value);
      if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return value;
    } catch {
      // reported below
    }
    return this.fail(name, 'must be an http(s) URL');
  }

  date(fields: Fields, name: string): Date | undefined {
    const value = this.text(fields, name, 40);
    if (value === undefined) return undefined;
    const date = new Date(value);
    if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) return this.fail(name, 'must be an ISO 8601 date-time');
    return date;
  }

  /** Throws a 400 naming every bad field, if there is one. */
  done(): void {
    if (this.issues.length === 0) return;
    const message = this.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
    throw new DeskError('bad_request', message, this.issues);
  }
}
