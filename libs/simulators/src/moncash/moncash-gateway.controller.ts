import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { formatMinor } from '@limye/contracts';
import { PublicRoute } from '@limye/platform';
import { MONCASH_CURRENCY } from './domain/moncash-wire';
import { renderMessagePage, renderPaymentPage } from './domain/payment-page';
import { DEFAULT_PAYER, MoncashService } from './moncash.service';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';

const PAYER = /^\d{8,15}$/;

/**
 * The payer-facing checkout (`{GATEWAY_BASE}/Payment/Redirect?token=`): a page with a Pay button that,
 * when pressed, pays the order, sends the alert and redirects the browser to the Return URL.
 */
@PublicRoute('a simulator of the sandbox: plays an outside system (or its control API) for tests and demos, never deployed with real data')
@Controller('Moncash-middleware/Payment')
export class MoncashGatewayController {
  constructor(private readonly moncash: MoncashService) {}

  @Get('Redirect')
  page(@Query('token') token: string | undefined, @Res() res: Response): void {
    const order = token ? this.moncash.orderByToken(token) : undefined;
    if (!order || !token) return html(res, 404, renderMessagePage('Payment not found', 'This payment token is unknown.'));
    if (order.transactionId) return html(res, 409, renderMessagePage('Already paid', `Order ${order.orderId} has already been paid.`));
    if (Date.now() >= order.expiresAt) return html(res, 410, renderMessagePage('Payment expired', 'This payment token has expired.'));
    const amount = formatMinor(order.amountMinor, MONCASH_CURRENCY);
    html(res, 200, renderPaymentPage({ orderId: order.orderId, amount, token, defaultPayer: DEFAULT_PAYER }));
  }

  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({ required: false, description: 'The payer\'s payment form (token, payer phone).', schema: { type: 'object', additionalProperties: true } })
  @Post('Redirect')
  pay(@Query('token') queryToken: string | undefined, @Body() body: Record<string, unknown> | undefined, @Res() res: Response): void {
    const token = queryToken ?? (typeof body?.token === 'string' ? body.token : undefined);
    const payer = typeof body?.payer === 'string' && body.payer !== '' ? body.payer : DEFAULT_PAYER;
    if (!PAYER.test(payer)) return html(res, 400, renderMessagePage('Invalid payer', 'The payer must be a phone number of 8 to 15 digits.'));
    const order = token ? this.moncash.orderByToken(token) : undefined;
    if (!order) return html(res, 404, renderMessagePage('Payment not found', 'This payment token is unknown.'));
    const result = this.moncash.payOrder(order.orderId, payer);
    switch (result.kind) {
      case 'paid':
        return res.redirect(302, this.moncash.returnUrlFor(result.transaction.transactionId));
      case 'already-paid':
        return html(res, 409, renderMessagePage('Already paid', `Order ${order.orderId} has already been paid.`));
      case 'expired':
        return html(res, 410, renderMessagePage('Payment expired', 'This payment token has expired.'));
      case 'unknown':
        return html(res, 404, renderMessagePage('Payment not found', 'This payment token is unknown.'));
    }
  }
}

function html(res: Response, status: number, page: string): void {
  res.status(status).type('html').send(page);
}
