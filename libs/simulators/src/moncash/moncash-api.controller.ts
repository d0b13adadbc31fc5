import { Body, Controller, HttpCode, Post, UseFilters, UseGuards } from '@nestjs/common';
import { PublicRoute } from '@limye/platform';
import { VendorReplyFilter } from '../common/vendor-reply.filter';
import { MoncashPaymentBody } from './domain/moncash-wire';
import { MoncashBearerGuard } from './moncash-bearer.guard';
import { CreatePaymentResponse, MoncashService } from './moncash.service';
import { ApiBody } from '@nestjs/swagger';

/** MonCash REST API v1 (bearer token): create a payment, and verify one by transaction or by order. */
@PublicRoute('a simulator of the sandbox: plays an outside system (or its control API) for tests and demos, never deployed with real data')
@Controller('Api/v1')
@UseGuards(MoncashBearerGuard)
@UseFilters(VendorReplyFilter)
export class MoncashApiController {
  constructor(private readonly moncash: MoncashService) {}

  @ApiBody({ required: false, description: 'MonCash CreatePayment: {amount, orderId}.', schema: { type: 'object', additionalProperties: true } })
  @Post('CreatePayment')
  @HttpCode(202)
  createPayment(@Body() body: Record<string, unknown> | undefined): CreatePaymentResponse {
    return this.moncash.createPayment(body ?? {});
  }

  @ApiBody({ required: false, description: 'MonCash RetrieveTransactionPayment: {transactionId}.', schema: { type: 'object', additionalProperties: true } })
  @Post('RetrieveTransactionPayment')
  @HttpCode(200)
  retrieveTransactionPayment(@Body() body: Record<string, unknown> | undefined): MoncashPaymentBody {
    return this.moncash.retrieveTransactionPayment(body ?? {});
  }

  @ApiBody({ required: false, description: 'MonCash RetrieveOrderPayment: {orderId}.', schema: { type: 'object', additionalProperties: true } })
  @Post('RetrieveOrderPayment')
  @HttpCode(200)
  retrieveOrderPayment(@Body() body: Record<string, unknown> | undefined): MoncashPaymentBody {
    return this.moncash.retrieveOrderPayment(body ?? {});
  }
}
