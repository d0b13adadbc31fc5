import 'reflect-metadata'; // class-transformer's @Type() in the message classes reads decorator metadata
export * from './money';
export * from './subjects';
export * from './errors';
export * from './registry.messages';
export * from './ledger.messages';
export * from './meter.messages';
export * from './payment.events';
export * from './check-digit';
export * from './integrations';
