import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ACCESS, Caller, Principal, RequireRoles } from '@limye/platform';
import { ListPaymentsQuery } from './list-payments.query';
import { PaymentQueryService } from './payment-query.service';

@Controller('v1/payments')
export class PaymentsHttpController {
  constructor(private readonly payments: PaymentQueryService) {}

  @Get()
  @RequireRoles(...ACCESS.paymentsRead)
  list(@Query() query: ListPaymentsQuery) {
    return this.payments.list(query);
  }

  @Get(':id')
  @RequireRoles(...ACCESS.paymentsRead)
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.payments.get(id);
  }

  @Post(':id/retry')
  @RequireRoles(...ACCESS.paymentsOperate)
  @HttpCode(200)
  retry(@Param('id', new ParseUUIDPipe()) id: string, @Caller() caller?: Principal) {
    return this.payments.retry(id, caller);
  }
}
