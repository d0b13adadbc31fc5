import { formatMinor } from '@limye/contracts';
import { MeterCustomer, SPARKMETER_CURRENCY } from './customer-book';
import { KoiosPayment } from './koios-payment-book';
import { TcTransaction } from './thundercloud-transaction-book';

/** SparkMeter writes money as decimal strings ("25.00"); they come from minor units, never from floats. */
export function decimal(amountMinor: number): string {
  return formatMinor(amountMinor, SPARKMETER_CURRENCY);
}

export function koiosError(code: string, title: string): { errors: { code: string; title: string }[]; data: null } {
  return { errors: [{ code, title }], data: null };
}

export function koiosCustomerJson(c: MeterCustomer) {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    phone_number: c.phoneNumber,
    balances: { credit: { value: decimal(c.creditMinor), currency: SPARKMETER_CURRENCY } },
    meters: [{ serial: c.meterSerial }],
  };
}

export function koiosPaymentJson(p: KoiosPayment) {
  return {
    id: p.id,
    recipient_id: p.recipientId,
    amount: { value: decimal(p.amountMinor), currency: SPARKMETER_CURRENCY },
    memo: p.memo,
    external_id: p.externalId,
    status: p.status,
  };
}

export function tcFailure(error: string): { error: string; status: 'failure' } {
  return { error, status: 'failure' };
}

export function tcCustomerJson(c: MeterCustomer) {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    phone_number: c.phoneNumber,
    credit_balance: decimal(c.creditMinor),
    meters: [{ serial: c.meterSerial }],
  };
}

export function tcTransactionJson(t: TcTransaction) {
  return {
    id: t.id,
    status: t.status,
    amount: decimal(t.amountMinor),
    external_id: t.externalId,
    customer_id: t.customerId,
    source: t.source,
  };
}
