import type { INestApplication } from '@nestjs/common';
import type { FastJsonRequest, FastJsonRoute } from '@limye/platform';
import { fastVendorRoute } from '../common/fast-vendor-route';
import { FaultsService } from '../faults/faults.service';
import { RequestLogService } from '../requests/request-log.service';
import { SimulatorsEnv } from '../simulators.env';
import { KoiosAuthGuard } from './koios-auth.guard';
import { KoiosService } from './koios.service';

/**
 * The Koios credit every payment makes (`POST /api/v1/payments`), answered ahead of Express and Nest (see
 * installFastJsonRoutes): API key and secret checked, recorded, faulted, validated by KoiosService as the
 * controller does. KoiosController keeps serving it for everything else.
 */
export function koiosFastRoutes(app: INestApplication): FastJsonRoute[] {
  const koios = app.get(KoiosService);
  const guard = new KoiosAuthGuard(app.get(SimulatorsEnv));
  const deps = { requests: app.get(RequestLogService), faults: app.get(FaultsService) };
  return [
    fastVendorRoute('koios', '/api/v1/payments', deps, (req: FastJsonRequest) => {
      guard.check(header(req, 'x-api-key'), header(req, 'x-api-secret'));
      return { status: 200, body: koios.pay(req.body as Record<string, unknown>) };
    }),
  ];
}

function header(req: FastJsonRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
