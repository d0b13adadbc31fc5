export * from './ports';
export * from './nats-server';
export * from './embedded-postgres';
export * from './service-process';
export * from './stack';
