import { DynamicModule, Module, Provider } from '@nestjs/common';
import { SERVICE_ENV } from '@limye/platform';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { CustomerRegistryEnv } from '../config/customer-registry.env';
import { OperatorsModule } from '../operators/operators.module';
import { DemoSeed } from './demo-seed';
import { TokenHttpController } from './token.http-controller';
import { TokenService } from './token.service';
import { SIGNING_KEYS, signingKeysFromEnv, TokenSigner } from './token-signer';

/** The built-in issuer: POST /v1/auth/token, GET /.well-known/jwks.json, and (npm start only) the demo seed. */
@Module({})
export class AuthModule {
  static register(env: CustomerRegistryEnv): DynamicModule {
    const providers: Provider[] = [
      { provide: SIGNING_KEYS, inject: [SERVICE_ENV], useFactory: (e: CustomerRegistryEnv) => signingKeysFromEnv(e) },
      TokenSigner,
      TokenService,
    ];
    if (env.LIMYE_DEMO_SEED === '1' && env.NODE_ENV !== 'production') providers.push(DemoSeed);
    return { module: AuthModule, imports: [OperatorsModule, ApiKeysModule], controllers: [TokenHttpController], providers, exports: [TokenSigner] };
  }
}
