import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Agent, request } from 'undici';
import { BoundedLog } from '../common/bounded-log';
import { PersistentState, SimulatorStateStore, savedList } from '../state/state-store';
import { encodeAlert, MoncashAlert } from './domain/alert-body';
import { MoncashConfigService, MoncashSettings } from './moncash-config.service';

export interface AlertDelivery {
  transactionId: string;
  orderId: string | null;
  url: string;
  format: 'json' | 'form';
  /** 1..duplicateAlerts; 0 for a dropped alert. */
  copy: number;
  outcome: 'delivered' | 'failed' | 'dropped';
  status?: number;
  error?: string;
  at: string;
}

const SEND_TIMEOUT_MS = 5_000;
const KEEP_DELIVERIES = 1_000;
/** Connections to the Alert URL kept open between alerts (4 s, below Node's 5 s server keep-alive). */
const ALERT_AGENT = new Agent({ keepAliveTimeout: 4_000 });

/**
 * Sends MonCash's server-to-server alert after a payment, with the knobs tests need: another URL, form
 * instead of JSON, several copies (at once or in turn), a delay, or no alert at all. Every attempt is
 * kept so a test can see what was sent and what the receiver answered; that log outlives a restart when
 * SANDBOX_STATE_DIR is set (an alert not yet sent when the sandbox stops is not sent after it restarts).
 */
@Injectable()
export class MoncashAlertService implements PersistentState, OnModuleInit, OnModuleDestroy {
  readonly stateName = 'moncash-alerts';
  private readonly logger = new Logger(MoncashAlertService.name);
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private readonly log = new BoundedLog<AlertDelivery>(KEEP_DELIVERIES);
  // Bumped by reset, so sends that finish afterwards do not write into the fresh log.
  private generation = 0;

  constructor(
    private readonly config: MoncashConfigService,
    private readonly state: SimulatorStateStore,
  ) {}

  onModuleInit(): void {
    this.state.track(this);
  }

  saveState(): { deliveries: AlertDelivery[] } {
    return { deliveries: this.log.toArray() };
  }

  loadState(saved: unknown): void {
    this.log.clear();
    for (const d of savedList<AlertDelivery>((saved as { deliveries?: unknown } | null)?.deliveries, 'deliveries')) this.log.add(d);
  }

  send(alert: MoncashAlert): void {
    const settings = this.config.current();
    if (settings.dropAlerts) {
      this.record(this.generation, alert, settings, 0, { outcome: 'dropped' });
      return;
    }
    const generation = this.generation;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.sendCopies(generation, alert, settings);
    }, settings.alertDelayMs);
    this.timers.add(timer);
  }

  deliveries(): AlertDelivery[] {
    return this.log.toArray().map((d) => ({ ...d }));
  }

  reset(): void {
    this.generation += 1;
    this.stopAll();
    this.log.clear();
    this.state.changed(this);
  }

  onModuleDestroy(): void {
    this.stopAll();
  }

  private async sendCopies(generation: number, alert: MoncashAlert, settings: MoncashSettings): Promise<void> {
    const copies = Array.from({ length: settings.duplicateAlerts }, (_, i) => i + 1);
    if (settings.concurrentAlerts) {
      await Promise.all(copies.map((copy) => this.sendOne(generation, alert, settings, copy)));
    } else {
      for (const copy of copies) await this.sendOne(generation, alert, settings, copy);
    }
  }

  private async sendOne(generation: number, alert: MoncashAlert, settings: MoncashSettings, copy: number): Promise<void> {
    const { contentType, body } = encodeAlert(alert, settings.alertFormat);
    const abort = new AbortController();
    this.inFlight.add(abort);
    const timeout = setTimeout(() => abort.abort(), SEND_TIMEOUT_MS);
    try {
      // undici's request on a keep-alive agent, not fetch (its WHATWG streams cost about 1 ms of CPU a call); like
      // redirect: 'manual', a 3xx is an answer, not followed.
      const res = await request(settings.alertUrl, { method: 'POST', headers: { 'content-type': contentType }, body, signal: abort.signal, dispatcher: ALERT_AGENT });
      await res.body.dump().catch(() => undefined);
      this.record(generation, alert, settings, copy, { outcome: 'delivered', status: res.statusCode });
    } catch (err) {
      const error = (err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message;
      this.logger.warn(`MonCash alert for transaction ${alert.transactionId} to ${settings.alertUrl} failed: ${error}`);
      this.record(generation, alert, settings, copy, { outcome: 'failed', error });
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(abort);
    }
  }

  private record(
    generation: number,
    alert: MoncashAlert,
    settings: MoncashSettings,
    copy: number,
    result: Pick<AlertDelivery, 'outcome' | 'status' | 'error'>,
  ): void {
    if (generation !== this.generation) return;
    this.log.add({
      transactionId: alert.transactionId,
      orderId: alert.orderId ?? null,
      url: settings.alertUrl,
      format: settings.alertFormat,
      copy,
      ...result,
      at: new Date().toISOString(),
    });
    this.state.changed(this);
  }

  private stopAll(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const a of this.inFlight) a.abort();
    this.inFlight.clear();
  }
}
