export * from './isolated-infra';
export * from './wait-for';
export * from './test-service';
export * from './auth';
export * from './openapi';
export * from './desk-client';
