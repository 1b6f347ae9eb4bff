/** A directory change that would leave it inconsistent; `issues` name the record and field. */
export class DirectoryValidationError extends Error {
  constructor(readonly issues: string[]) {
    super(issues.join('; '));
    this.name = 'DirectoryValidationError';
  }
}

/** A deletion other records still depend on. */
export class DirectoryConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DirectoryConflictError';
  }
}

/** A record the directory does not have. */
export class DirectoryNotFoundError extends Error {
  constructor(
    readonly kind: string,
    readonly key: string,
  ) {
    super(`${kind} ${key} not found`);
    this.name = 'DirectoryNotFoundError';
  }
}
