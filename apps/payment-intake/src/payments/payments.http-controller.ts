import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ACCESS, Caller, callerOrganisation, Principal, RequireRoles } from '@limye/platform';
import { ListPaymentsQuery } from './list-payments.query';
import { PaymentQueryService } from './payment-query.service';

/** The caller's organisation's payments only: another organisation's payment is a 404. */
@Controller('v1/payments')
export class PaymentsHttpController {
  constructor(private readonly payments: PaymentQueryService) {}

  @Get()
  @RequireRoles(...ACCESS.paymentsRead)
  list(@Caller() caller: Principal | undefined, @Query() query: ListPaymentsQuery) {
    return this.payments.list(callerOrganisation(caller), query);
  }

  @Get(':id')
  @RequireRoles(...ACCESS.paymentsRead)
  get(@Caller() caller: Principal | undefined, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.payments.get(callerOrganisation(caller), id);
  }

  @Post(':id/retry')
  @RequireRoles(...ACCESS.paymentsOperate)
  @HttpCode(200)
  retry(@Caller() caller: Principal | undefined, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.payments.retry(callerOrganisation(caller), id);
  }
}
