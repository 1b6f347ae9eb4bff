export * from './read-env';
export * from './core.config';
export * from './workspace';
export { ConfigModule, ConfigService, ConfigType, registerAs } from '@nestjs/config';
