import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ACCESS, Caller, callerOrganisation, Principal, RequireRoles } from '@limye/platform';
import { ListPaymentsQuery } from './list-payments.query';
import { PaymentQueryService } from './payment-query.service';
import { ApiExtraModels, ApiOkResponse, ApiOperation, getSchemaPath } from '@nestjs/swagger';
import { ApiErrors, ApiItemsResponse } from '@limye/platform';
import { AwaitingPaymentResponse, PaymentResponse } from './payment.responses';

/** The caller's organisation's payments only: another organisation's payment is a 404. */
@Controller('v1/payments')
export class PaymentsHttpController {
  constructor(private readonly payments: PaymentQueryService) {}

  @ApiOperation({ summary: 'List payments, newest first', description: 'Filters combine (AND); no paging beyond limit. Items carry no history. The review queue is ?status=UNMATCHED.' })
  @ApiItemsResponse(PaymentResponse, 'Matching payments (without history).')
  @Get()
  @RequireRoles(...ACCESS.paymentsRead)
  list(@Caller() caller: Principal | undefined, @Query() query: ListPaymentsQuery) {
    return this.payments.list(callerOrganisation(caller), query);
  }

  @ApiOperation({ summary: 'Read a payment with its history', description: '`id` is a payment id, or the paymentId a checkout reserved: for an order not paid yet the answer is an AWAITING_PAYMENT view of it; once MonCash has confirmed the payment, the payment itself, under its own id.' })
  @ApiExtraModels(PaymentResponse, AwaitingPaymentResponse)
  @ApiOkResponse({ description: 'The payment, or the order still awaiting payment.', schema: { oneOf: [{ $ref: getSchemaPath(PaymentResponse) }, { $ref: getSchemaPath(AwaitingPaymentResponse) }] } })
  @ApiErrors({ 404: 'INTAKE.PAYMENT_NOT_FOUND: no payment (and no checkout) with this id.' })
  @Get(':id')
  @RequireRoles(...ACCESS.paymentsRead)
  get(@Caller() caller: Principal | undefined, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.payments.get(callerOrganisation(caller), id);
  }

  @ApiOperation({ summary: 'Retry a payment that needs a person', description: 'UNMATCHED → VERIFIED: matching runs again (fix the registry first). FAILED after allocation → ALLOCATED: meter-adapter retries the delivery (same external_id). A payment still in progress is returned unchanged. Takes a real payment id only. No body.' })
  @ApiOkResponse({ type: PaymentResponse, description: 'The payment after the retry was recorded.' })
  @ApiErrors({ 404: 'INTAKE.PAYMENT_NOT_FOUND: no payment with this id.', 409: 'CONFLICT: DELIVERED, REJECTED, or FAILED before allocation; none can be retried.', 503: 'UNAVAILABLE: meter-adapter could not be reached (nothing changed; try again), or the database.' })
  @Post(':id/retry')
  @RequireRoles(...ACCESS.paymentsOperate)
  @HttpCode(200)
  retry(@Caller() caller: Principal | undefined, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.payments.retry(callerOrganisation(caller), id, caller);
  }
}
