import type { INestApplication } from '@nestjs/common';
import type { FastJsonRoute } from '@limye/platform';
import { acceptAlert } from './moncash.http-controller';
import { MonCashIntakeService } from './moncash-intake.service';

/**
 * MonCash's Alert URL for its usual call — a JSON POST without a query string, one per payment — answered ahead
 * of Express and Nest (installFastJsonRoutes: the same body checks, 400s and error answers). It does what the
 * controller does (acceptAlert: the same hint, the same evidence record); a form, a GET, a query string or any
 * other method still goes to MonCashHttpController.
 */
export function moncashAlertFastRoute(app: INestApplication): FastJsonRoute {
  const intake = app.get(MonCashIntakeService);
  return {
    method: 'POST',
    path: '/v1/providers/moncash/alert',
    handle: async (req) => {
      const contentType = Array.isArray(req.headers['content-type']) ? req.headers['content-type'][0] : req.headers['content-type'];
      return { status: 200, body: await acceptAlert(intake, 'POST', req.body, {}, contentType) };
    },
  };
}
