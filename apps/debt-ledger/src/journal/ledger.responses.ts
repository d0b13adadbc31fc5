import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// The answers of the ledger's HTTP API as OpenAPI schemas (the code builds PaymentEntriesView, LedgerCheck, CustomerBalancesView).

/** One line of an entry: debit positive, credit negative. */
export class PostingResponse {
  @ApiProperty({ type: String, example: 'customer:0b6a3c1e-5d2f-4e8a-9c7b-1f2e3d4c5b6a:energy' })
  accountCode: string;

  @ApiProperty({ type: String })
  accountKind: string;

  @ApiProperty({ type: 'integer', description: 'Integer minor units of currency; debit positive, credit negative.', example: -25050 })
  amountMinor: number;

  @ApiProperty({ type: String, description: 'ISO 4217.', example: 'HTG' })
  currency: string;
}

/** A journal entry. */
export class EntryResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['payment_allocation', 'energy_delivery'] })
  kind: string;

  @ApiProperty({ type: String })
  idempotencyKey: string;

  @ApiProperty({ type: String })
  description: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: () => PostingResponse, isArray: true })
  postings: PostingResponse[];
}

/** The journal entries of one payment. */
export class PaymentEntriesResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  paymentId: string;

  @ApiProperty({ type: () => EntryResponse, isArray: true })
  entries: EntryResponse[];
}

/** The sum of every posting in one currency (zero when the ledger balances). */
export class CurrencyTotalResponse {
  @ApiProperty({ type: String, example: 'HTG' })
  currency: string;

  @ApiProperty({ type: 'integer', description: 'Integer minor units.' })
  sum: number;
}

/** Whether the whole ledger balances. */
export class LedgerCheckResponse {
  @ApiProperty({ type: Boolean })
  balanced: boolean;

  @ApiProperty({ type: () => CurrencyTotalResponse, isArray: true })
  totalsByCurrency: CurrencyTotalResponse[];

  @ApiProperty({ type: String, format: 'uuid', isArray: true, description: 'Entries whose postings do not sum to zero per currency.' })
  unbalancedEntries: string[];
}

/** A customer's balances in one currency, positive as shown to people. */
export class CurrencyBalanceResponse {
  @ApiProperty({ type: String, example: 'HTG' })
  currency: string;

  @ApiProperty({ type: 'integer', description: 'Allocated as energy and not delivered yet; integer minor units.' })
  energyCreditMinor: number;

  @ApiProperty({ type: 'integer', description: 'Integer minor units.' })
  energyDeliveredMinor: number;

  @ApiProperty({ type: 'integer', description: 'Everything the customer\'s payments brought in (energy credit plus, later, debts cleared); integer minor units.' })
  totalPaidMinor: number;
}

/** A customer's balances per currency (an empty list for a customer the ledger has never seen). */
export class CustomerBalancesResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  customerId: string;

  @ApiProperty({ type: () => CurrencyBalanceResponse, isArray: true })
  balances: CurrencyBalanceResponse[];
}
