import { Injectable } from '@nestjs/common';
import { SimulatorsEnv } from '../simulators.env';

export type AlertFormat = 'json' | 'form';
export type DuplicateOrderPolicy = 'conflict' | 'existing-token';

/** What tests may change at run time; PUT /sandbox/moncash/config patches it, reset restores it. */
export interface MoncashSettings {
  alertUrl: string;
  returnUrl: string;
  alertFormat: AlertFormat;
  /** Copies of each alert to send (1 = normal; more exercises the caller's dedupe). */
  duplicateAlerts: number;
  /** Send the copies at once (races in the caller) or one after the other. */
  concurrentAlerts: boolean;
  dropAlerts: boolean;
  alertDelayMs: number;
  tokenTtlSeconds: number;
  /** MonCash's behaviour on a reused orderId is undocumented: answer 409, or the existing token. */
  duplicateOrderId: DuplicateOrderPolicy;
}

@Injectable()
export class MoncashConfigService {
  private settings: MoncashSettings;

  constructor(private readonly env: SimulatorsEnv) {
    this.settings = this.defaults();
  }

  current(): MoncashSettings {
    return { ...this.settings };
  }

  update(patch: Partial<MoncashSettings>): MoncashSettings {
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    this.settings = { ...this.settings, ...defined };
    return this.current();
  }

  reset(): void {
    this.settings = this.defaults();
  }

  private defaults(): MoncashSettings {
    return {
      alertUrl: this.env.MONCASH_ALERT_URL,
      returnUrl: this.env.MONCASH_RETURN_URL,
      alertFormat: 'json',
      duplicateAlerts: 1,
      concurrentAlerts: true,
      dropAlerts: false,
      alertDelayMs: 0,
      tokenTtlSeconds: 59,
      duplicateOrderId: 'conflict',
    };
  }
}
