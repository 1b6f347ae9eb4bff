import { openApiGaps, OpenApiDocument } from './openapi';

const bearer = { components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } };
const ok = { '200': {} };

describe('openApiGaps', () => {
  it('finds nothing to say of a document that declares everything', () => {
    const document: OpenApiDocument = {
      ...bearer,
      paths: {
        '/v1/things/{id}': {
          put: { security: [{ bearer: [] }], parameters: [{ in: 'path', name: 'id' }], requestBody: {}, responses: { ...ok, '400': {}, '401': {}, '403': {}, '404': {}, '413': {} } },
        },
        '/health/live': { get: { security: [], responses: ok } },
      },
    };
    expect(openApiGaps(document)).toEqual([]);
  });

  it('names each missing answer, scheme and parameter', () => {
    const document: OpenApiDocument = {
      paths: {
        '/v1/things/{id}': { put: { security: [{ bearer: [] }], requestBody: {}, responses: { '401': {} } } },
        '/v1/things': { get: { responses: ok } },
      },
    };
    expect(openApiGaps(document, { schemes: ['session'] })).toEqual([
      'components.securitySchemes.bearer',
      'components.securitySchemes.session',
      'put /v1/things/{id}: no success answer',
      'put /v1/things/{id}: security session',
      'put /v1/things/{id}: 403',
      'put /v1/things/{id}: 400',
      'put /v1/things/{id}: 413',
      'put /v1/things/{id}: path parameter id',
      'get /v1/things: security',
    ]);
  });
});
