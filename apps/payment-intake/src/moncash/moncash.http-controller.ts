import { All, Body, Controller, Header, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ErrorCodes } from '@limye/contracts';
import { ACCESS, AllowedMethods, Caller, callerOrganisation, Principal, PublicRoute, RateLimit, RequireRoles } from '@limye/platform';
import { MonCashCheckoutRequest } from './checkout.request';
import { MONCASH_CALLBACK_LIMITS } from './moncash-callback.limits';
import { MonCashHintError, parseMonCashHint } from './domain/moncash-alert';
import { CheckoutResult, MonCashIntakeService } from './moncash-intake.service';
import { ApiBody, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, getSchemaPath } from '@nestjs/swagger';
import { ApiErrors } from '@limye/platform';
import { MONCASH_HINT_DESCRIPTION, MONCASH_HINT_SCHEMA, MonCashCheckoutResponse, MonCashHintAck } from './moncash.responses';

@Controller('v1')
export class MonCashHttpController {
  constructor(private readonly intake: MonCashIntakeService) {}

  @ApiOperation({ summary: 'Create a MonCash order for an account', description: 'Checks that the account number names exactly one customer with exactly one device (customer registry), records the order, then asks MonCash to create it (CreatePayment). Send the payer to `redirectUrl`. If the alert is lost, a reconciliation sweep asks MonCash about the order every MONCASH_RECONCILE_INTERVAL_MS for MONCASH_ORDER_WATCH_HOURS. Checks are made in this order: currency, amount, then the account.' })
  @ApiCreatedResponse({ type: MonCashCheckoutResponse, description: 'Order created at MonCash.' })
  @ApiErrors({ 404: 'INTAKE.ACCOUNT_NOT_FOUND: no customer has this account number.', 422: 'CONFLICT: the account cannot be paid as it is (several devices, or none); fix the customer in the registry.', 502: 'INTAKE.PROVIDER_UNAVAILABLE: MonCash could not create the order; nothing was charged, try again.', 503: 'UNAVAILABLE: the customer registry did not answer; try again.' })
  @Post('checkout/moncash')
  @RequireRoles(...ACCESS.paymentsOperate)
  @HttpCode(201)
  checkout(@Caller() caller: Principal | undefined, @Body() body: MonCashCheckoutRequest): Promise<CheckoutResult> {
    // An operator route: the order is the caller's organisation's, and so is the payment MonCash confirms for it.
    return this.intake.checkout(callerOrganisation(caller), body.accountNumber.trim(), body.amount, body.currency ?? 'HTG', caller);
  }

  /**
   * MonCash's Alert URL. Its payload is undocumented, so GET and POST, form and JSON are all read; the
   * answer is 200 whenever the hint was usable, so MonCash has no reason to retry-storm us. Any other
   * method (HEAD, OPTIONS, DELETE…) is a 405: a probe or a CORS preflight must not record a payment.
   */
  @ApiOperation({ summary: 'MonCash Alert URL (GET or POST; query, JSON or form)', description: MONCASH_HINT_DESCRIPTION })
  @ApiBody({ required: false, description: 'Any one of transactionId / transaction_id / transactionID and/or orderId / order_id / reference; other keys are ignored (and kept in the raw record).', schema: MONCASH_HINT_SCHEMA })
  @ApiQuery({ name: 'transactionId', required: false, description: 'Also read as transaction_id or transactionID.', schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,64}$' } })
  @ApiQuery({ name: 'orderId', required: false, description: 'Our order id from the checkout; also read as order_id or reference.', schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,64}$' } })
  @ApiOkResponse({ type: MonCashHintAck, description: 'Hint accepted (also for a duplicate).' })
  @ApiErrors({ 400: 'VALIDATION_FAILED: neither id present, or an id of an unexpected format (`fields[0].field` is transactionId); MALFORMED_JSON; JSON_TOO_DEEP (nothing stored).', 405: 'METHOD_NOT_ALLOWED: only GET and POST (`Allow: GET, POST`); nothing recorded.', 415: 'UNSUPPORTED_MEDIA_TYPE: a JSON body in a charset other than UTF-8 (nothing stored).' })
  @All('providers/moncash/alert')
  @PublicRoute('MonCash calls it; the hint is verified with MonCash itself before anything is recorded')
  @AllowedMethods('GET', 'POST')
  @RateLimit(MONCASH_CALLBACK_LIMITS)
  @HttpCode(200)
  alert(@Req() req: Request): Promise<AlertReply> {
    return acceptAlert(this.intake, req.method, req.body, req.query as Record<string, unknown>, req.header('content-type'));
  }

  /** The payer's browser comes back here with ?transactionId=…; we verify it like any alert (GET and POST only). */
  @ApiOperation({ summary: 'MonCash Return URL (the payer\'s browser; GET or POST)', description: 'MonCash sends the payer\'s browser here with ?transactionId=… after payment. The hint is handled exactly like an alert, then the payer gets a short HTML thank-you page ("received", not "credited") with the payment id as reference. `format=json`, or an Accept header preferring JSON, gets the JSON acknowledgement instead.' })
  @ApiQuery({ name: 'format', required: false, enum: ['json'], description: 'json for the JSON acknowledgement.' })
  @ApiQuery({ name: 'transactionId', required: false, schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,64}$' } })
  @ApiProduces('text/html', 'application/json')
  @ApiExtraModels(MonCashHintAck)
  @ApiOkResponse({ description: 'Hint accepted: an HTML page, or MonCashHintAck as JSON.', content: { 'text/html': { schema: { type: 'string' } }, 'application/json': { schema: { $ref: getSchemaPath(MonCashHintAck) } } } })
  @ApiErrors({ 400: 'VALIDATION_FAILED (no usable id), as for the alert; always JSON, also for browsers.', 405: 'METHOD_NOT_ALLOWED: only GET and POST.' })
  @All('providers/moncash/return')
  @PublicRoute("the payer's browser comes back here; the transaction is verified with MonCash itself")
  @AllowedMethods('GET', 'POST')
  @RateLimit(MONCASH_CALLBACK_LIMITS)
  @Header('Cache-Control', 'no-store')
  async return(@Req() req: Request, @Res() res: Response, @Query('format') format?: string): Promise<void> {
    const hint = hintOf(req.body, req.query as Record<string, unknown>);
    const result = await this.intake.acceptHint('return', hint, rawOf(req.method, req.body, req.query, req.header('content-type')));
    const body = { received: true, paymentId: result.paymentId, state: result.state };
    if (format === 'json' || req.accepts(['html', 'json']) === 'json') {
      res.status(200).json(body);
      return;
    }
    res
      .status(200)
      .type('html')
      .send(
        `<!doctype html><html><head><meta charset="utf-8"><title>Payment received</title></head><body>` +
          `<h1>Thank you</h1><p>We received word of your MonCash payment. Once MonCash confirms it, it is credited to your meter.</p>` +
          (result.paymentId ? `<p>Reference: ${result.paymentId}</p>` : '') +
          `</body></html>`,
      );
  }

}

export interface AlertReply {
  received: true;
  paymentId: string | null;
  state: string;
}

/** The Alert URL's work, for the controller and for its fast route (moncash-alert.fast-route.ts). */
export async function acceptAlert(intake: MonCashIntakeService, method: string, body: unknown, query: Record<string, unknown>, contentType: string | undefined): Promise<AlertReply> {
  const result = await intake.acceptHint('alert', hintOf(body, query), rawOf(method, body, query, contentType));
  return { received: true, paymentId: result.paymentId, state: result.state };
}

function hintOf(body: unknown, query: Record<string, unknown>) {
  try {
    return parseMonCashHint(isObject(body) ? body : undefined, query);
  } catch (err) {
    if (err instanceof MonCashHintError) {
      throw new DomainError(ErrorCodes.validationFailed, err.message, 400, { fields: [{ field: 'transactionId', problems: [err.message] }] });
    }
    throw err;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The raw callback as received (body and query), kept as evidence. */
function rawOf(method: string, body: unknown, query: unknown, contentType: string | undefined): Record<string, unknown> {
  return { method, query, body: isObject(body) ? body : null, contentType: contentType ?? null };
}
