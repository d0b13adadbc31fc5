export * from './test-env';
export * from './test-database';
export * from './test-stack';
export * from './http';
export * from './in-process-service';
