export * from './roles';
export * from './principal';
export * from './access-rules';
export * from './token-verifier';
export * from './authentication.guard';
export * from './local-signing-key';
