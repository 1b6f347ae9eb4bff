import { CallHandler, ExecutionContext, HttpException, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, Observable } from 'rxjs';
import { DeskError, DeskErrorKind } from './desk-error';

const STATUS: Record<DeskErrorKind, number> = {
  bad_request: HttpStatus.BAD_REQUEST,
  invalid: HttpStatus.UNPROCESSABLE_ENTITY,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  locked: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

/** The HTTP answer for a domain error: its status, and a body naming the bad fields if any. */
export function toHttpException(error: DeskError): HttpException {
  const statusCode = STATUS[error.kind];
  const body = { statusCode, error: error.kind, message: error.message, ...(error.fields.length ? { fields: error.fields } : {}) };
  return new HttpException(body, statusCode);
}

/** Domain services throw DeskError (no HTTP types); this turns them into HTTP answers. */
@Injectable()
export class DeskErrorsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        throw error instanceof DeskError ? toHttpException(error) : error;
      }),
    );
  }
}
