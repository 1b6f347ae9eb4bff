import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { describeValidationErrors } from '@otklik/contracts';

/** Records that failed validation; each issue names the record and the field. */
export class RecordValidationError extends Error {
  constructor(
    readonly source: string,
    readonly issues: string[],
  ) {
    super(`${source}: ${issues.slice(0, 20).join('; ')}${issues.length > 20 ? ` (+${issues.length - 20} more)` : ''}`);
    this.name = 'RecordValidationError';
  }
}

/** Turns plain records into validated class instances, or throws naming every bad field. */
export function validateRecords<T extends object>(source: string, records: unknown, type: new () => T): T[] {
  if (!Array.isArray(records)) throw new RecordValidationError(source, ['expected a JSON array of records']);
  const issues: string[] = [];
  const out = records.map((record, index) => {
    if (typeof record !== 'object' || record === null) {
      issues.push(`[${index}]: not an object`);
      return undefined;
    }
    const instance = plainToInstance(type, record);
    issues.push(...describeValidationErrors(validateSync(instance, { forbidUnknownValues: true, whitelist: true, forbidNonWhitelisted: true }), `[${index}]`));
    return instance;
  });
  if (issues.length > 0) throw new RecordValidationError(source, issues);
  return out.filter((x): x is T => x !== undefined);
}
