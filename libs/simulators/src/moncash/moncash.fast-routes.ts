import type { INestApplication } from '@nestjs/common';
import { createValidationPipe, FastJsonRequest, FastJsonRoute } from '@limye/platform';
import { fastVendorRoute } from '../common/fast-vendor-route';
import { FaultsService } from '../faults/faults.service';
import { RequestLogService } from '../requests/request-log.service';
import { moncashPayReply } from './moncash-control.controller';
import { MoncashAuthService } from './moncash-auth.service';
import { PayOrderDto } from './dto/pay-order.dto';
import { MoncashService } from './moncash.service';

const PAYER = /^\d{8,15}$/;

/**
 * The two MonCash calls every payment makes, answered ahead of Express and Nest (see installFastJsonRoutes):
 * the customer paying an order (control API) and Limye's RetrieveTransactionPayment (bearer token, recorded,
 * faulted). The controllers keep serving both for everything else (no body, a query string, another type).
 */
export function moncashFastRoutes(app: INestApplication): FastJsonRoute[] {
  const moncash = app.get(MoncashService);
  const auth = app.get(MoncashAuthService);
  const deps = { requests: app.get(RequestLogService), faults: app.get(FaultsService) };
  const pipe = createValidationPipe();
  return [
    {
      method: 'POST',
      path: '/sandbox/moncash/orders/:orderId/pay',
      handle: (req) => {
        const payer = plainPayer(req.body);
        if (payer !== INVALID) return { status: 201, body: moncashPayReply(moncash, req.params.orderId, payer) };
        // Anything but the plain case goes through the validation pipe itself: the same 400 as the controller's.
        return (pipe.transform(req.body, { type: 'body', metatype: PayOrderDto }) as Promise<PayOrderDto>).then((dto) => ({
          status: 201,
          body: moncashPayReply(moncash, req.params.orderId, dto.payer),
        }));
      },
    },
    fastVendorRoute('moncash', '/Api/v1/RetrieveTransactionPayment', deps, (req: FastJsonRequest) => {
      auth.requireBearer(header(req, 'authorization'), '/v1/RetrieveTransactionPayment');
      return { status: 200, body: moncash.retrieveTransactionPayment(req.body as Record<string, unknown>) };
    }),
  ];
}

const INVALID = Symbol('not the plain case');

/** `{}` or `{ payer: '<8 to 15 digits>' }`: what PayOrderDto lets through, checked without class-validator. */
function plainPayer(body: unknown): string | undefined | typeof INVALID {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return INVALID;
  const keys = Object.keys(body);
  if (keys.length === 0) return undefined;
  const payer = (body as { payer?: unknown }).payer;
  return keys.length === 1 && keys[0] === 'payer' && typeof payer === 'string' && PAYER.test(payer) ? payer : INVALID;
}

function header(req: FastJsonRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
