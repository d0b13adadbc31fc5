export * from './ports';
export * from './child-guard';
export * from './restart-backoff';
export * from './supervised-process';
export * from './nats-server';
export * from './embedded-postgres';
export * from './service-process';
export * from './stack';
