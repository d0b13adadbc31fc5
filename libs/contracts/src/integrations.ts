/**
 * The outside systems an organisation connects with its own account, and what each needs. Options are
 * returned by the settings API; secrets are stored sealed (AES-256-GCM) and never returned or logged.
 * customer-registry stores them (PUT /v1/organisations/:id/integrations/:system); the service that talks to the
 * system asks for them over NATS (registry.v1.integration.get) and opens the secrets with LIMYE_SECRETS_KEY.
 * An organisation with nothing stored uses env's settings only if it is the default organisation.
 */
export interface IntegrationField {
  secret: boolean;
  required: boolean;
  /** What a value must look like, and the sentence a 400 says when it does not. */
  pattern?: RegExp;
  patternMessage?: string;
  allowed?: readonly string[];
  maxLength: number;
  description: string;
}

const HTTP_URL = /^https?:\/\/[^\s/]+(\/[^\s]*)?[^/\s]$/;

export const INTEGRATION_SYSTEMS = {
  moncash: {
    description: 'Digicel MonCash (Haiti): checkouts, payment verification',
    fields: {
      baseUrl: { secret: false, required: true, pattern: /^https?:\/\/\S+\/Api$/, patternMessage: 'an http(s) URL ending in /Api', maxLength: 512, description: 'REST host, e.g. https://moncashbutton.digicelgroup.com/Api' },
      gatewayUrl: { secret: false, required: true, pattern: HTTP_URL, patternMessage: 'an http(s) URL without a trailing slash', maxLength: 512, description: 'gateway the payer is sent to, e.g. https://moncashbutton.digicelgroup.com/Moncash-middleware' },
      clientId: { secret: false, required: true, maxLength: 256, description: 'the business account client id' },
      clientSecret: { secret: true, required: true, maxLength: 256, description: 'the business account client secret' },
    },
  },
  sparkmeter: {
    description: 'SparkMeter (Koios cloud or a ThunderCloud site): meter credit',
    fields: {
      defaultApi: { secret: false, required: false, allowed: ['koios', 'thundercloud'], maxLength: 16, description: 'which API credits a meter when its site names none' },
      koiosBaseUrl: { secret: false, required: false, pattern: HTTP_URL, patternMessage: 'an http(s) URL without a trailing slash', maxLength: 512, description: 'Koios host' },
      koiosApiKey: { secret: true, required: false, maxLength: 256, description: 'Koios X-API-KEY' },
      koiosApiSecret: { secret: true, required: false, maxLength: 256, description: 'Koios X-API-SECRET' },
      thundercloudBaseUrl: { secret: false, required: false, pattern: HTTP_URL, patternMessage: 'an http(s) URL without a trailing slash', maxLength: 512, description: 'ThunderCloud site API base (…/api/v0)' },
      thundercloudToken: { secret: true, required: false, maxLength: 256, description: 'ThunderCloud Authentication-Token' },
    },
  },
} as const satisfies Record<string, { description: string; fields: Record<string, IntegrationField> }>;

export type IntegrationSystem = keyof typeof INTEGRATION_SYSTEMS;
export const INTEGRATION_SYSTEM_NAMES = Object.keys(INTEGRATION_SYSTEMS) as IntegrationSystem[];

export function isIntegrationSystem(value: unknown): value is IntegrationSystem {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(INTEGRATION_SYSTEMS, value);
}

/** Settings of one organisation for one system, secrets included (only ever in the memory of the service using them). */
export type IntegrationValues = Record<string, string>;

/** registry.v1.integration.get */
export interface GetIntegrationRequest {
  organisationId: string;
  system: IntegrationSystem;
}

/** `sealedSecrets` opens with LIMYE_SECRETS_KEY for purpose `integrationPurpose(organisationId, system)`. */
export type GetIntegrationReply =
  | { configured: false }
  | { configured: true; options: Record<string, string>; sealedSecrets: string; updatedAt: string };

/** The additional data a sealed secret is bound to: it opens only for this organisation and system. */
export function integrationPurpose(organisationId: string, system: IntegrationSystem): string {
  return `integration:${organisationId}:${system}`;
}

/** Core NATS notice (no reply): an organisation's settings for a system changed; drop cached copies. */
export interface IntegrationChangedNotice {
  organisationId: string;
  system: IntegrationSystem;
}
