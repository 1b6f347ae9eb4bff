export * from './fake-http';
export * from './fake-vk-api';
export * from './fake-ok-api';
export * from './fake-telegram-api';
export * from './mail-catcher';
