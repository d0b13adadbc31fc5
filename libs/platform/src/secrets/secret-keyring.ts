import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCodes } from '@limye/contracts';
import { BaseServiceEnv, ConfigError } from '../config/env';
import { SERVICE_ENV } from '../platform.tokens';
import { SecretBox, SecretBoxError } from './secret-box';

/**
 * The service's SecretBox, from LIMYE_SECRETS_KEY / LIMYE_SECRETS_KEYS_PREVIOUS. A malformed key stops the
 * start (naming the variable); a missing one only refuses what needs it, with a 503 saying so: a service that
 * never touches an organisation's secrets runs without it.
 */
@Injectable()
export class SecretKeyring {
  private readonly sealer?: SecretBox;

  constructor(@Inject(SERVICE_ENV) env: BaseServiceEnv) {
    if (env.LIMYE_SECRETS_KEY === '') {
      if (env.LIMYE_SECRETS_KEYS_PREVIOUS !== '') throw new ConfigError(['LIMYE_SECRETS_KEYS_PREVIOUS is set but LIMYE_SECRETS_KEY is not']);
      return;
    }
    try {
      this.sealer = SecretBox.fromEnv(env.LIMYE_SECRETS_KEY, env.LIMYE_SECRETS_KEYS_PREVIOUS);
    } catch (err) {
      if (err instanceof SecretBoxError) throw new ConfigError([err.message]);
      throw err;
    }
  }

  get configured(): boolean {
    return this.sealer !== undefined;
  }

  box(): SecretBox {
    if (!this.sealer) {
      throw new DomainError(ErrorCodes.secretsKeyMissing, 'LIMYE_SECRETS_KEY is not set on this service: organisation secrets cannot be sealed or opened', 503);
    }
    return this.sealer;
  }
}
