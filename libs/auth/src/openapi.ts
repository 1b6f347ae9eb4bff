import type { OpenAPIObject } from '@nestjs/swagger';
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

/**
 * Declares the bearer scheme and, on every operation, who may call it and the error statuses the
 * platform itself can answer: 401/403 where a token is needed, 400 where there is input, 404
 * where the path names a resource. Operations marked `@Public()` get `security: []`.
 */
export function secureOpenApi(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.securitySchemes = {
    ...document.components.securitySchemes,
    [BEARER_SCHEME]: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A token issued by desk (HS256, key set OTKLIK_AUTH_KEYS).' },
  };
  document.components.schemas = { ...document.components.schemas, ErrorBody: ERROR_BODY };
  document.security = [{ [BEARER_SCHEME]: [] }];
  for (const item of Object.values(document.paths)) {
    for (const [method, value] of Object.entries(item)) {
      if (!['get', 'put', 'post', 'delete', 'patch'].includes(method)) continue;
      const operation = value as Operation;
      const responses = (operation.responses ??= {});
      const isPublic = operation[PUBLIC_EXTENSION] === true;
      delete operation[PUBLIC_EXTENSION];
      if (isPublic) {
        operation.security = [];
      } else {
        operation.security = [{ [BEARER_SCHEME]: [] }];
        responses['401'] ??= error('No token, or a token that is malformed, expired or signed with an unknown key');
        responses['403'] ??= error("The token's role may not call this, or the caller's agency does not own the data");
      }
      const input = operation.requestBody !== undefined || (operation.parameters ?? []).some((p) => p.in === 'query' || p.in === 'path');
      if (input) responses['400'] ??= error('Malformed input; `message` names every bad field');
      if ((operation.parameters ?? []).some((p) => p.in === 'path')) responses['404'] ??= error('No such resource');
    }
  }
  return document;
}
