export * from './api-docs';
export * from './api-errors';
export * from './error-body';
export * from './http-routes';
export * from './api-responses';
