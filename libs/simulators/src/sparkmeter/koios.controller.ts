import { Body, Controller, Get, HttpCode, Param, Post, Query, UseFilters, UseGuards } from '@nestjs/common';
import { PublicRoute } from '@limye/platform';
import { VendorReplyFilter } from '../common/vendor-reply.filter';
import { KoiosAuthGuard } from './koios-auth.guard';
import { KoiosService } from './koios.service';
import { ApiBody } from '@nestjs/swagger';

/** Koios API v1, as on `https://www.sparkmeter.cloud/api/v1`. */
@PublicRoute('a simulator of the sandbox: plays an outside system (or its control API) for tests and demos, never deployed with real data')
@Controller('api/v1')
@UseGuards(KoiosAuthGuard)
@UseFilters(VendorReplyFilter)
export class KoiosController {
  constructor(private readonly koios: KoiosService) {}

  @ApiBody({ required: false, description: 'Koios v1 payment: {customer_id, amount, currency, external_id, memo}.', schema: { type: 'object', additionalProperties: true } })
  @Post('payments')
  @HttpCode(200)
  pay(@Body() body: Record<string, unknown> | undefined) {
    return this.koios.pay(body ?? {});
  }

  @Get('payments')
  payments(@Query('external_id') externalId: string | undefined) {
    return this.koios.payments(externalId);
  }

  @Get('payments/:id')
  payment(@Param('id') id: string) {
    return this.koios.payment(id);
  }

  @Get('customers')
  customers(@Query('code') code: string | undefined) {
    return this.koios.customers(code);
  }
}
