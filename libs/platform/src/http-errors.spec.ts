import { ArgumentsHost, BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { Error as MongooseError } from 'mongoose';
import pino from 'pino';
import { HttpErrorsFilter } from './http-errors';

function answer(exception: unknown): { status: number; body: unknown; locals: Record<string, unknown> } {
  const result = { status: 0, body: undefined as unknown, locals: {} as Record<string, unknown> };
  const response = {
    locals: result.locals,
    status(code: number) {
      result.status = code;
      return this;
    },
    json(body: unknown) {
      result.body = body;
    },
  };
  const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new HttpErrorsFilter(pino({ level: 'silent' })).catch(exception, host);
  return result;
}

describe('HttpErrorsFilter', () => {
  it('keeps the status and body of an HTTP exception', () => {
    expect(answer(new NotFoundException('incident 7 not found'))).toMatchObject({
      status: 404,
      body: { statusCode: 404, message: 'incident 7 not found', error: 'Not Found' },
    });
  });

  it('answers 400 naming the field for an id that is not an id', () => {
    const cast = new MongooseError.CastError('ObjectId', 'zzz', 'agencyId');

    expect(answer(cast)).toMatchObject({ status: 400, body: { statusCode: 400, error: 'Bad Request', message: ['agencyId: not a valid ObjectId'] } });
  });

  it('answers 409 for a duplicate key', () => {
    expect(answer(Object.assign(new Error('E11000 duplicate key'), { code: 11000 })).status).toBe(409);
  });

  it('keeps the 4xx of the body parser (a body past the size limit is 413, not 500)', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, statusCode: 413, expose: true, type: 'entity.too.large' });
    // Nest 12's Express adapter hands filters the parser's error wrapped in an HttpException.
    const fromNest = new HttpException('request entity too large', 413, { cause: tooLarge });
    for (const exception of [tooLarge, fromNest]) {
      expect(answer(exception)).toMatchObject({ status: 413, body: { statusCode: 413, error: 'Payload Too Large', message: ['body: request entity too large'] } });
    }
  });

  it('says a body is not JSON without quoting it (JSON.parse quotes the start, which may hold a password)', () => {
    const error = (() => {
      try {
        JSON.parse('{"login":"chief","password":"Correct-horse-42"');
      } catch (parseError) {
        return parseError as Error;
      }
    })();
    const fromParser = Object.assign(new SyntaxError(error?.message), { status: 400, statusCode: 400, expose: true, type: 'entity.parse.failed' });
    // What Nest makes of the parser's error before filters see it.
    const fromNest = new BadRequestException(`Unexpected token 'C', "{"password":"Correct-horse-42"..." is not valid JSON`);
    for (const notJson of [fromParser, fromNest]) {
      const result = answer(notJson);
      expect(result.body).toEqual({ statusCode: 400, error: 'Bad Request', message: ['body: not valid JSON'] });
      expect(JSON.stringify(result)).not.toContain('Correct-horse-42');
    }
  });

  it('leaves what went wrong for the request log line', () => {
    expect(answer(new BadRequestException({ statusCode: 400, message: ['text: must be a string'] })).locals).toEqual({ otklikError: ['text: must be a string'] });
    expect(answer(new Error('socket hang up')).locals).toEqual({ otklikError: 'Internal Server Error' });
  });

  it('answers 500 without internals for anything unexpected', () => {
    expect(answer(new Error('socket hang up at 10.0.0.1'))).toMatchObject({ status: 500, body: { statusCode: 500, error: 'Internal Server Error' } });
  });

  it('passes validation errors through as 400', () => {
    expect(answer(new BadRequestException({ statusCode: 400, message: ['text: must be a string'] })).status).toBe(400);
  });

  it('logs an unexpected error as an error, not a 5xx answer a handler chose (a readiness check not ready)', () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const host = (): ArgumentsHost => {
      const response = { locals: {}, status: () => response, json: () => undefined };
      return { getType: () => 'http', switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
    };
    const filter = new HttpErrorsFilter(logger);
    filter.catch(new HttpException('not ready', 503), host());
    expect(lines).toEqual([]);
    filter.catch(new Error('socket hang up'), host());
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['unhandled error in an HTTP handler']);
  });
});
