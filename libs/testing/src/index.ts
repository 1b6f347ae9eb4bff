export * from './isolated-infra';
export * from './wait-for';
export * from './test-service';
