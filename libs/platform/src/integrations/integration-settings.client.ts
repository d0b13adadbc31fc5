import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'nats';
import { JSONCodec } from 'nats';
import { GetIntegrationReply, IntegrationChangedNotice, integrationPurpose, IntegrationSystem, IntegrationValues, Subjects } from '@limye/contracts';
import { DEFAULT_ORGANISATION_ID } from '../auth/principal';
import { BaseServiceEnv } from '../config/env';
import { JetStreamConnection } from '../nats/jetstream.connection';
import { NatsRpcClient } from '../nats/nats-rpc.client';
import { SERVICE_ENV } from '../platform.tokens';
import { SecretKeyring } from '../secrets/secret-keyring';

const CACHE_MS = 30_000;

/**
 * An organisation's settings for an outside system, as the service that talks to that system needs them: asked
 * of customer-registry over NATS, secrets opened here with LIMYE_SECRETS_KEY (they cross NATS sealed), kept
 * 30 s and dropped at once when customer-registry announces a change. `null`: the organisation has stored
 * nothing for that system — the caller then uses env's settings if it is the default organisation, and refuses
 * otherwise (see `orEnvFor`).
 */
@Injectable()
export class IntegrationSettingsClient implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(IntegrationSettingsClient.name);
  private readonly cache = new Map<string, { at: number; value: Promise<IntegrationValues | null> }>();
  private subscription?: Subscription;

  constructor(
    private readonly nats: NatsRpcClient,
    private readonly jetstream: JetStreamConnection,
    private readonly keyring: SecretKeyring,
    @Inject(SERVICE_ENV) private readonly env: BaseServiceEnv,
  ) {}

  onModuleInit(): void {
    const nc = this.jetstream.connection;
    if (!nc) return;
    const codec = JSONCodec<IntegrationChangedNotice>();
    // Every instance hears every change (no queue group): each keeps its own cache.
    this.subscription = nc.subscribe(Subjects.registryIntegrationChanged, {
      callback: (err, msg) => {
        if (err) return;
        try {
          const notice = codec.decode(msg.data);
          this.cache.delete(`${notice.organisationId}:${notice.system}`);
        } catch {
          this.logger.warn({ msg: 'ignored a malformed integration-changed notice' });
        }
      },
    });
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }

  /** The stored settings, secrets opened; null when the organisation stored none for `system`. */
  get(organisationId: string, system: IntegrationSystem): Promise<IntegrationValues | null> {
    const key = `${organisationId}:${system}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
    const value = this.fetch(organisationId, system);
    this.cache.set(key, { at: Date.now(), value });
    // A failed ask is not remembered: the next call asks again.
    value.catch(() => this.cache.delete(key));
    return value;
  }

  /**
   * The stored settings, else env's for the default organisation (`fromEnv`), else null: the deployment's env
   * settings belong to the default organisation only.
   */
  async orEnvFor(organisationId: string, system: IntegrationSystem, fromEnv: () => IntegrationValues): Promise<IntegrationValues | null> {
    const stored = await this.get(organisationId, system);
    if (stored) return stored;
    return organisationId === DEFAULT_ORGANISATION_ID ? fromEnv() : null;
  }

  private async fetch(organisationId: string, system: IntegrationSystem): Promise<IntegrationValues | null> {
    const reply = await this.nats.request<GetIntegrationReply>(Subjects.registryIntegrationGet, { organisationId, system });
    if (!reply.configured) return null;
    const secrets = JSON.parse(this.keyring.box().open(reply.sealedSecrets, integrationPurpose(organisationId, system))) as IntegrationValues;
    return { ...reply.options, ...secrets };
  }
}
