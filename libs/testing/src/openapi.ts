import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { buildOpenApiDocument, ServiceAppOptions, ServiceName } from '@otklik/platform';
import { useTestAuthKeys } from './auth';

/** The parts of an OpenAPI document the checks read. */
export interface OpenApiDocument {
  components?: { securitySchemes?: Record<string, { type?: string; scheme?: string; in?: string }> };
  paths: Record<string, Record<string, OpenApiOperation>>;
}

interface OpenApiOperation {
  security?: Record<string, unknown>[];
  responses?: Record<string, unknown>;
  parameters?: { in?: string; name?: string }[];
  requestBody?: unknown;
}

/** What a service's document must declare besides the bearer scheme. */
export interface OpenApiExpectations {
  /** Names of further security schemes every secured operation accepts (desk: `session`). */
  schemes?: string[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function operationGaps(path: string, operation: OpenApiOperation, schemes: string[]): string[] {
  const gaps: string[] = [];
  const has = (status: string) => operation.responses?.[status] !== undefined;
  const parameters = operation.parameters ?? [];
  if (!Object.keys(operation.responses ?? {}).some((status) => /^[23]/.test(status))) gaps.push('no success answer');
  if (!operation.security) gaps.push('security');
  else if (operation.security.length > 0) {
    for (const scheme of schemes) if (!operation.security.some((requirement) => scheme in requirement)) gaps.push(`security ${scheme}`);
    for (const status of ['401', '403']) if (!has(status)) gaps.push(status);
  }
  const input = operation.requestBody !== undefined || parameters.some((p) => p.in === 'query' || p.in === 'path');
  if (input && !has('400')) gaps.push('400');
  if (parameters.some((p) => p.in === 'path') && !has('404')) gaps.push('404');
  if (operation.requestBody !== undefined && !has('413')) gaps.push('413');
  for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
    if (!parameters.some((p) => p.in === 'path' && p.name === name)) gaps.push(`path parameter ${name}`);
  }
  return gaps;
}

/**
 * What an OpenAPI document fails to declare: the bearer scheme (and `schemes`), and on each
 * operation a success answer, its security, and the errors every service answers where they
 * apply: 401/403 unless public, 400 where there is input, 404 where the path names a resource,
 * 413 where there is a body, each path parameter. Empty when all is there.
 */
export function openApiGaps(document: OpenApiDocument, expectations: OpenApiExpectations = {}): string[] {
  const declared = document.components?.securitySchemes ?? {};
  const gaps = declared.bearer?.type === 'http' && declared.bearer.scheme === 'bearer' ? [] : ['components.securitySchemes.bearer'];
  const schemes = ['bearer', ...(expectations.schemes ?? [])];
  for (const scheme of expectations.schemes ?? []) if (!declared[scheme]) gaps.push(`components.securitySchemes.${scheme}`);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (METHODS.includes(method)) gaps.push(...operationGaps(path, operation, schemes).map((gap) => `${method} ${path}: ${gap}`));
    }
  }
  return gaps;
}

/** `openApiGaps` of the document a running service serves at /docs-json. */
export async function openApiSecurityGaps(baseUrl: string, expectations: OpenApiExpectations = {}): Promise<string[]> {
  return openApiGaps((await (await fetch(`${baseUrl}/docs-json`)).json()) as OpenApiDocument, expectations);
}

/** The statuses an operation declares, e.g. `statusesOf(doc, 'post', '/v1/posts')`. */
export function statusesOf(document: OpenApiDocument, method: string, path: string): string[] {
  return Object.keys(document.paths[path]?.[method]?.responses ?? {}).sort();
}

/**
 * A service's OpenAPI document as it serves it at /docs, built from its module without starting
 * it (Nest's preview: no provider is created, so no broker or database is needed).
 */
export async function openApiDocumentOf(service: ServiceName, module: Type<unknown>, options: ServiceAppOptions = {}): Promise<OpenApiDocument> {
  useTestAuthKeys();
  const app = await NestFactory.create(module, { preview: true, logger: false });
  try {
    return buildOpenApiDocument(app, service, options) as unknown as OpenApiDocument;
  } finally {
    await app.close();
  }
}

/** Route-specific answers (`[method, path, statuses]`) a document lacks, as `method path: status`. */
export function missingAnswers(document: OpenApiDocument, routes: [string, string, string[]][]): string[] {
  return routes.flatMap(([method, path, statuses]) => {
    const declared = statusesOf(document, method, path);
    return statuses.filter((status) => !declared.includes(status)).map((status) => `${method} ${path}: ${status}`);
  });
}

/** What a service's document is checked against besides the rules every document follows. */
export interface OpenApiCheck extends OpenApiExpectations {
  /** Answers particular routes give (conflicts, unprocessable changes, limits, a dependency away). */
  routes?: [string, string, string[]][];
  /** The options the service is started with (desk's session cookie). */
  app?: ServiceAppOptions;
}

/** Everything a service's OpenAPI document fails to declare (`openApiGaps` and `missingAnswers`); empty when all is there. */
export async function openApiProblems(service: ServiceName, module: Type<unknown>, check: OpenApiCheck = {}): Promise<string[]> {
  const document = await openApiDocumentOf(service, module, check.app);
  return [...openApiGaps(document, check), ...missingAnswers(document, check.routes ?? [])];
}
