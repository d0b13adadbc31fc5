import { All, Body, Controller, Header, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ErrorCodes } from '@limye/contracts';
import { ACCESS, AllowedMethods, Caller, Principal, PublicRoute, RateLimit, RequireRoles } from '@limye/platform';
import { MonCashCheckoutRequest } from './checkout.request';
import { MONCASH_CALLBACK_LIMITS } from './moncash-callback.limits';
import { MonCashHintError, parseMonCashHint } from './domain/moncash-alert';
import { CheckoutResult, MonCashIntakeService } from './moncash-intake.service';

@Controller('v1')
export class MonCashHttpController {
  constructor(private readonly intake: MonCashIntakeService) {}

  @Post('checkout/moncash')
  @RequireRoles(...ACCESS.paymentsOperate)
  @HttpCode(201)
  checkout(@Body() body: MonCashCheckoutRequest, @Caller() caller?: Principal): Promise<CheckoutResult> {
    return this.intake.checkout(body.accountNumber.trim(), body.amount, body.currency ?? 'HTG', caller);
  }

  /**
   * MonCash's Alert URL. Its payload is undocumented, so GET and POST, form and JSON are all read; the
   * answer is 200 whenever the hint was usable, so MonCash has no reason to retry-storm us. Any other
   * method (HEAD, OPTIONS, DELETE…) is a 405: a probe or a CORS preflight must not record a payment.
   */
  @All('providers/moncash/alert')
  @PublicRoute('MonCash calls it; the hint is verified with MonCash itself before anything is recorded')
  @AllowedMethods('GET', 'POST')
  @RateLimit(MONCASH_CALLBACK_LIMITS)
  @HttpCode(200)
  async alert(@Req() req: Request): Promise<{ received: true; paymentId: string | null; state: string }> {
    const hint = this.hint(req.body, req.query as Record<string, unknown>);
    const result = await this.intake.acceptHint('alert', hint, rawOf(req));
    return { received: true, paymentId: result.paymentId, state: result.state };
  }

  /** The payer's browser comes back here with ?transactionId=…; we verify it like any alert (GET and POST only). */
  @All('providers/moncash/return')
  @PublicRoute("the payer's browser comes back here; the transaction is verified with MonCash itself")
  @AllowedMethods('GET', 'POST')
  @RateLimit(MONCASH_CALLBACK_LIMITS)
  @Header('Cache-Control', 'no-store')
  async return(@Req() req: Request, @Res() res: Response, @Query('format') format?: string): Promise<void> {
    const hint = this.hint(req.body, req.query as Record<string, unknown>);
    const result = await this.intake.acceptHint('return', hint, rawOf(req));
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

  private hint(body: unknown, query: Record<string, unknown>) {
    try {
      return parseMonCashHint(isObject(body) ? body : undefined, query);
    } catch (err) {
      if (err instanceof MonCashHintError) {
        throw new DomainError(ErrorCodes.validationFailed, err.message, 400, { fields: [{ field: 'transactionId', problems: [err.message] }] });
      }
      throw err;
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The raw callback as received (body and query), kept as evidence. */
function rawOf(req: Request): Record<string, unknown> {
  return { method: req.method, query: req.query, body: isObject(req.body) ? req.body : null, contentType: req.header('content-type') ?? null };
}
