import { Body, Controller, Get, HttpCode, Param, Post, UseFilters, UseGuards } from '@nestjs/common';
import { PublicRoute } from '@limye/platform';
import { VendorReplyFilter } from '../common/vendor-reply.filter';
import { ThundercloudAuthGuard } from './thundercloud-auth.guard';
import { ThundercloudService } from './thundercloud.service';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';

/** ThunderCloud / SparkCloud API v0, as on `https://<site>.sparkmeter.cloud/api/v0` (JSON or form bodies). */
@PublicRoute('a simulator of the sandbox: plays an outside system (or its control API) for tests and demos, never deployed with real data')
@Controller('api/v0')
@UseGuards(ThundercloudAuthGuard)
@UseFilters(VendorReplyFilter)
export class ThundercloudController {
  constructor(private readonly thundercloud: ThundercloudService) {}

  // Also answers `/transaction/` (the documented spelling): Express routing ignores a trailing slash.
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({ required: false, description: 'ThunderCloud v0 transaction: {customer_code, amount, external_id, source}.', schema: { type: 'object', additionalProperties: true } })
  @Post('transaction')
  @HttpCode(200)
  create(@Body() body: Record<string, unknown> | undefined) {
    return this.thundercloud.createTransaction(body ?? {});
  }

  @Get('transaction/:id')
  transaction(@Param('id') id: string) {
    return this.thundercloud.transaction(id);
  }

  @Get('customer/:code')
  customer(@Param('code') code: string) {
    return this.thundercloud.customer(code);
  }
}
