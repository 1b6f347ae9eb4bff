import { ApiExtension, type OpenAPIObject } from '@nestjs/swagger';
import { PUBLIC_EXTENSION } from './auth.decorators';

/** Name of the bearer security scheme in every service's OpenAPI document. */
export const BEARER_SCHEME = 'bearer';

type Operation = { parameters?: { in?: string }[]; requestBody?: unknown; responses?: Record<string, unknown>; security?: unknown[] } & Record<string, unknown>;

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
});

const ERROR_BODY = {
  type: 'object',
  required: ['statusCode', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string' },
    message: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, description: 'each bad field as `path: problem`' }] },
  },
};

/** Prefix of the OpenAPI extensions that carry a route's own error answers (see ApiErrors). */
const ERRORS_EXTENSION = 'x-otklik-errors';

/**
 * Declares error answers a route gives besides those every route of its kind gives (409 for a
 * conflict, 422 for a change that cannot be made, 429, 503 for a dependency that is not there),
 * each with what it means there. Unlike `@ApiResponse`, it leaves the route's success answer in
 * the document. Several may be stacked on one route.
 */
export const ApiErrors = (answers: Record<number, string>): MethodDecorator & ClassDecorator => ApiExtension(`${ERRORS_EXTENSION}-${Object.keys(answers).join('-')}`, answers);

/** A session cookie a service also accepts instead of a bearer token (desk's console). */
export interface CookieScheme {
  /** Name of the scheme in the document. */
  scheme: string;
  /** Name of the cookie. */
  cookie: string;
  description: string;
}

/** What a service declares beyond the bearer scheme every service has. */
export interface SecureOpenApiOptions {
  /** What the bearer credential is, when not a token signed with OTKLIK_AUTH_KEYS (desk's API tokens). */
  bearer?: { format: string; description: string };
  cookie?: CookieScheme;
}

const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/**
 * Declares the bearer scheme (and a service's session cookie scheme) and, on every operation, who
 * may call it and the error statuses the platform itself answers: 401/403 where a credential is
 * needed, 400 where there is input, 404 where the path names a resource, 413 where there is a body
 * (the body parser's limit). Statuses a route declares itself (409, 422, 429, 503…) are kept.
 * Operations marked `@Public()` get `security: []`.
 */
export function secureOpenApi(document: OpenAPIObject, options: SecureOpenApiOptions = {}): OpenAPIObject {
  document.components ??= {};
  document.components.securitySchemes = {
    ...document.components.securitySchemes,
    [BEARER_SCHEME]: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: options.bearer?.format ?? 'JWT',
      description: options.bearer?.description ?? 'A token issued by desk (HS256, key set OTKLIK_AUTH_KEYS).',
    },
    ...(options.cookie ? { [options.cookie.scheme]: { type: 'apiKey', in: 'cookie', name: options.cookie.cookie, description: options.cookie.description } } : {}),
  };
  document.components.schemas = { ...document.components.schemas, ErrorBody: ERROR_BODY };
  // Either credential will do: one requirement object each.
  const secured = [{ [BEARER_SCHEME]: [] }, ...(options.cookie ? [{ [options.cookie.scheme]: [] }] : [])];
  document.security = secured;
  for (const item of Object.values(document.paths)) {
    for (const [method, value] of Object.entries(item)) {
      if (OPERATION_METHODS.includes(method)) declareAnswers(value as Operation, secured);
    }
  }
  return document;
}

function declareAnswers(operation: Operation, secured: Record<string, string[]>[]): void {
  const responses = (operation.responses ??= {});
  for (const key of Object.keys(operation).filter((name) => name.startsWith(ERRORS_EXTENSION))) {
    for (const [status, description] of Object.entries(operation[key] as Record<string, string>)) responses[status] ??= error(description);
    delete operation[key];
  }
  const isPublic = operation[PUBLIC_EXTENSION] === true;
  delete operation[PUBLIC_EXTENSION];
  if (isPublic) {
    operation.security = [];
  } else {
    operation.security = secured;
    responses['401'] ??= error('No credential, or one that is malformed, expired or unknown');
    responses['403'] ??= error("The caller's role may not call this, or the caller's agency does not own the data");
  }
  const parameters = operation.parameters ?? [];
  const input = operation.requestBody !== undefined || parameters.some((p) => p.in === 'query' || p.in === 'path');
  if (input) responses['400'] ??= error('Malformed input; `message` names every bad field');
  if (parameters.some((p) => p.in === 'path')) responses['404'] ??= error('No such resource');
  if (operation.requestBody !== undefined) responses['413'] ??= error("The body is larger than the service's limit");
}
