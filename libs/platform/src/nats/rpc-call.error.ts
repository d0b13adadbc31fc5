import { ErrorCodes } from '@limye/contracts';

/** A NATS request that failed: the remote's `{code, message}`, or TIMEOUT / UNAVAILABLE. */
export class RpcCallError extends Error {
  constructor(
    readonly subject: string,
    readonly code: string,
    message: string,
  ) {
    super(`${subject}: ${code}: ${message}`);
    this.name = 'RpcCallError';
  }

  /** Timeouts and an unreachable server say nothing about the outcome: the caller must retry, not fail. */
  get isTransient(): boolean {
    return this.code === ErrorCodes.timeout || this.code === ErrorCodes.unavailable || this.code === ErrorCodes.internal;
  }
}
