export * from './rate-limit-rule';
export * from './token-buckets';
export * from './client-address';
export * from './rate-limiter';
export * from './rate-limit.decorator';
export * from './concurrency-limit';
