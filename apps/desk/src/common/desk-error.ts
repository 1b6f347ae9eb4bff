/**
 * Kinds of failure the domain reports; the HTTP layer maps each to one status code:
 * `bad_request` a malformed request (400), `invalid` a well-formed one that cannot be done (422).
 */
export type DeskErrorKind = 'bad_request' | 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'locked' | 'unavailable';

/** One bad field of a request. */
export interface FieldIssue {
  /** Path of the field, e.g. `promisedBy` or `photos.0.url`. */
  field: string;
  /** What is wrong with it. */
  message: string;
}

/** A typed domain failure with the context a client needs; never an HTTP type. */
export class DeskError extends Error {
  constructor(
    readonly kind: DeskErrorKind,
    message: string,
    readonly fields: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'DeskError';
  }

  /** A request that is well-formed but cannot be done as asked, naming the field. */
  static invalid(field: string, message: string): DeskError {
    return new DeskError('invalid', `${field}: ${message}`, [{ field, message }]);
  }

  /** A malformed value (400), naming the field. */
  static badRequest(field: string, message: string): DeskError {
    return new DeskError('bad_request', `${field}: ${message}`, [{ field, message }]);
  }

  /** Something the caller may not see is reported as absent, so its existence does not leak. */
  static notFound(what: string): DeskError {
    return new DeskError('not_found', `${what} not found`);
  }

  static forbidden(message: string): DeskError {
    return new DeskError('forbidden', message);
  }

  static conflict(message: string): DeskError {
    return new DeskError('conflict', message);
  }
}
