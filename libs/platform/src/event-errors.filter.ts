import { ArgumentsHost, Catch, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

/**
 * Nest turns an error thrown by an event handler into a generic "Internal server error". The
 * Kafka transport needs the original error: it is retried, logged and written into the
 * dead-letter headers, where an operator must see what really went wrong.
 */
@Catch()
export class EventErrorsFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
