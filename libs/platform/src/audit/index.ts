export * from './audit-log.sql';
export * from './audit-masking';
export * from './audit-recorder';
export * from './audit-log.reader';
export * from './audit.query';
export * from './audit.http-controller';
export * from './audit.module';
