export * from './roles';
export * from './key-set';
export * from './token';
export * from './auth.config';
export * from './auth.decorators';
export * from './caller.guard';
export * from './agency-scope';
export * from './openapi';
