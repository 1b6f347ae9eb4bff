export * from './read-env';
export * from './core.config';
export { ConfigModule, ConfigService, ConfigType, registerAs } from '@nestjs/config';
