import { BadRequestException, ConflictException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { ApiErrors } from '@otklik/auth';
import { RecordValidationError, validateRecords } from '../shared/validate-records';
import { DirectoryConflictError, DirectoryNotFoundError, DirectoryValidationError } from './directory-errors';

/** Runs a directory operation, answering its typed errors with 404, 409 or 422 naming the problem. */
export async function directoryCall<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toHttp(error);
  }
}

function toHttp(error: unknown): unknown {
  if (error instanceof DirectoryNotFoundError) return new NotFoundException({ statusCode: 404, error: 'Not Found', message: [error.message] });
  if (error instanceof DirectoryConflictError) return new ConflictException({ statusCode: 409, error: 'Conflict', message: [error.message] });
  if (error instanceof DirectoryValidationError) return new UnprocessableEntityException({ statusCode: 422, error: 'Unprocessable Entity', message: error.issues });
  return error;
}

/** OpenAPI: the answers `directoryCall` gives besides success (400, 401, 403 and 404 are added for every route). */
export const DirectoryWriteAnswers = (): MethodDecorator =>
  ApiErrors({
    409: 'The change would break what depends on it (a rule naming the agency, a child territory)',
    422: 'The directory the change would give is inconsistent; `message` names the record and field',
  });

/** Validates an import body (a JSON array of records): 400 naming `[i].field` of every bad one. */
export function importBody<T extends object>(body: unknown, type: new () => T, limit = 10_000): T[] {
  if (Array.isArray(body) && body.length > limit) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [`body: at most ${limit} records per import`] });
  try {
    return validateRecords('body', body, type);
  } catch (error) {
    if (error instanceof RecordValidationError) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: error.issues.map((i) => `body${i}`) });
    throw error;
  }
}

/** 400 when the key in the path and the one in the body differ. */
export function sameKey(field: string, inPath: string | number, inBody: string | number): void {
  if (String(inPath) !== String(inBody)) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [`${field}: ${inBody} in the body differs from ${inPath} in the path`] });
}
