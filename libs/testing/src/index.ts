export * from './test-env';
export * from './test-database';
export * from './test-stack';
export * from './http';
export * from './in-process-service';
export * from './fixtures/test-fixtures';
export * from './fixtures/openpaygo-token-vectors';
export * from './capturing-logger';
