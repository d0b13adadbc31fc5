import { Body, ConflictException, Controller, Get, NotFoundException, Param, Post, Put, Query } from '@nestjs/common';
import { PublicRoute } from '@limye/platform';
import { ExternalIdQuery } from './dto/external-id.query';
import { RecordKoiosPaymentDto } from './dto/record-koios-payment.dto';
import { UpdateSparkmeterConfigDto } from './dto/update-sparkmeter-config.dto';
import { UpsertCustomerDto } from './dto/upsert-customer.dto';
import { CustomerView, KoiosPaymentView, SparkmeterSettings, SparkmeterStore, TcTransactionView } from './sparkmeter.store';

/** Control API: seed and inspect SparkMeter customers and credits, tune ThunderCloud's settlement. */
@PublicRoute('a simulator of the sandbox: plays an outside system (or its control API) for tests and demos, never deployed with real data')
@Controller('sandbox/sparkmeter')
export class SparkmeterControlController {
  constructor(private readonly store: SparkmeterStore) {}

  @Post('customers')
  upsert(@Body() dto: UpsertCustomerDto): CustomerView {
    return this.store.upsertCustomer(dto);
  }

  @Get('customers')
  list(): { customers: CustomerView[] } {
    return { customers: this.store.allCustomers() };
  }

  @Get('customers/:code')
  one(@Param('code') code: string): CustomerView {
    const found = this.store.customer(code);
    if (!found) throw new NotFoundException(`no SparkMeter customer with code ${code}`);
    return found;
  }

  /** Every Koios payment, or the one made with `externalId`. */
  @Get('koios/payments')
  koiosPayments(@Query() query: ExternalIdQuery): { payments: KoiosPaymentView[] } {
    return { payments: this.store.koiosPayments(query.externalId) };
  }

  /** A credit made outside Limye: the vendor then already holds a payment with that external_id. */
  @Post('koios/payments')
  recordKoiosPayment(@Body() dto: RecordKoiosPaymentDto): KoiosPaymentView {
    const result = this.store.recordKoiosPayment(dto);
    switch (result.kind) {
      case 'unknown-customer':
        throw new NotFoundException(`no Koios customer with code ${dto.customerCode}`);
      case 'duplicate-external-id':
        throw new ConflictException(`Koios already holds payment ${result.payment.id} with external_id ${dto.externalId}`);
      case 'paid':
        return result.payment;
    }
  }

  /** Every ThunderCloud transaction as it stands, or the one made with `externalId`. */
  @Get('thundercloud/transactions')
  thundercloudTransactions(@Query() query: ExternalIdQuery): { transactions: TcTransactionView[] } {
    return { transactions: this.store.thundercloudTransactions(query.externalId) };
  }

  @Get('config')
  current(): SparkmeterSettings {
    return this.store.current();
  }

  @Put('config')
  update(@Body() dto: UpdateSparkmeterConfigDto): SparkmeterSettings {
    return this.store.update(dto);
  }
}
