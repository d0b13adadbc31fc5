import type { LoggerService } from '@nestjs/common';

/** A Nest logger that keeps every line it is asked to write, debug included, as text: for tests that assert what is (not) logged. */
export class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log = (...m: unknown[]) => this.lines.push(JSON.stringify(m));
  error = (...m: unknown[]) => this.lines.push(JSON.stringify(m));
  warn = (...m: unknown[]) => this.lines.push(JSON.stringify(m));
  debug = (...m: unknown[]) => this.lines.push(JSON.stringify(m));
  verbose = (...m: unknown[]) => this.lines.push(JSON.stringify(m));
}
