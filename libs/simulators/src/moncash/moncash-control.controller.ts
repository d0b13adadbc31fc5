import { BadRequestException, Body, ConflictException, Controller, Get, NotFoundException, Param, Post, Put } from '@nestjs/common';
import { PublicRoute } from '@limye/platform';
import { MoncashTransaction } from './domain/moncash-book';
import { moncashCost } from './domain/moncash-wire';
import { DirectPaymentDto } from './dto/direct-payment.dto';
import { PayOrderDto } from './dto/pay-order.dto';
import { UpdateMoncashConfigDto } from './dto/update-moncash-config.dto';
import { AlertDelivery, MoncashAlertService } from './moncash-alert.service';
import { MoncashConfigService, MoncashSettings } from './moncash-config.service';
import { MoncashService } from './moncash.service';

interface TransactionView {
  transactionId: string;
  orderId: string | null;
  cost: number;
  payer: string;
  paidAt: string;
}

interface PayOrderReply {
  transactionId: string;
  orderId: string;
  cost: number;
  payer: string;
}

/** The customer pays order `orderId` (also served as a fast route: moncash.fast-routes.ts). */
export function moncashPayReply(moncash: MoncashService, orderId: string, payer: string | undefined): PayOrderReply {
  const result = moncash.payOrder(orderId, payer);
  switch (result.kind) {
    case 'unknown':
      throw new NotFoundException(`no MonCash order ${orderId} (create it with CreatePayment first)`);
    case 'already-paid':
      throw new ConflictException(`order ${orderId} is already paid by transaction ${result.transaction.transactionId}`);
    case 'expired':
      throw new ConflictException(`the payment token of order ${orderId} has expired`);
    case 'paid': {
      const t = result.transaction;
      return { transactionId: t.transactionId, orderId, cost: moncashCost(t.amountMinor), payer: t.payer };
    }
  }
}

/** Control API for tests and demos: play the customer, inspect what MonCash did, change its behaviour. */
@PublicRoute('a simulator of the sandbox: plays an outside system (or its control API) for tests and demos, never deployed with real data')
@Controller('sandbox/moncash')
export class MoncashControlController {
  constructor(
    private readonly moncash: MoncashService,
    private readonly config: MoncashConfigService,
    private readonly alerts: MoncashAlertService,
  ) {}

  @Post('orders/:orderId/pay')
  payOrder(@Param('orderId') orderId: string, @Body() dto: PayOrderDto): PayOrderReply {
    return moncashPayReply(this.moncash, orderId, dto.payer);
  }

  @Post('direct-payments')
  payDirect(@Body() dto: DirectPaymentDto): { transactionId: string; cost: number; payer: string } {
    const result = this.moncash.payDirect(dto.payer, dto.amount);
    if ('problem' in result) throw new BadRequestException(result.problem);
    return { transactionId: result.transactionId, cost: moncashCost(result.amountMinor), payer: result.payer };
  }

  @Get('transactions')
  transactions(): { transactions: TransactionView[] } {
    return { transactions: this.moncash.transactions().map(view) };
  }

  @Get('alerts')
  deliveries(): { alerts: AlertDelivery[] } {
    return { alerts: this.alerts.deliveries() };
  }

  @Get('config')
  current(): MoncashSettings {
    return this.config.current();
  }

  @Put('config')
  update(@Body() dto: UpdateMoncashConfigDto): MoncashSettings {
    return this.config.update(dto);
  }
}

function view(t: MoncashTransaction): TransactionView {
  return { transactionId: t.transactionId, orderId: t.orderId, cost: moncashCost(t.amountMinor), payer: t.payer, paidAt: new Date(t.paidAt).toISOString() };
}
