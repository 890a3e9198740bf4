/**
 * Domain errors. Each carries what the caller needs to act on it; one place (http/problem.ts) maps
 * them to HTTP problem+json responses.
 */
export interface FieldProblem {
  path: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  readonly errors: FieldProblem[];
  constructor(detail: string, errors: FieldProblem[] = []) {
    super(detail);
    this.name = new.target.name;
    this.errors = errors;
  }
}

/** Malformed input: 400, naming each failing field. */
export class ValidationError extends DomainError {
  readonly status = 400;
  readonly title = 'Invalid request';
  static field(path: string, message: string): ValidationError {
    return new ValidationError(`${path}: ${message}`, [{ path, message }]);
  }
}

export class UnauthorizedError extends DomainError {
  readonly status = 401;
  readonly title = 'Unauthorized';
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly title = 'Forbidden';
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly title = 'Not found';
}

/** A write that conflicts with what is already stored: 409. */
export class ConflictError extends DomainError {
  readonly status = 409;
  readonly title = 'Conflict';
}

/** Well-formed but inadmissible under the domain rules: 422. */
export class InadmissibleError extends DomainError {
  readonly status = 422;
  readonly title = 'Unprocessable request';
  static field(path: string, message: string): InadmissibleError {
    return new InadmissibleError(`${path}: ${message}`, [{ path, message }]);
  }
}

export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  readonly title = 'Too many requests';
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(detail);
  }
}
