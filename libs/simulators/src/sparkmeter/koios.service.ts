import { Injectable } from '@nestjs/common';
import { MoneyError, parseMajorAmount } from '@limye/contracts';
import { VendorReplyError } from '../common/vendor-reply.error';
import { SPARKMETER_CURRENCY } from './domain/customer-book';
import { koiosCustomerJson, koiosError, koiosPaymentJson } from './domain/sparkmeter-wire';
import { SparkmeterStore } from './sparkmeter.store';

type KoiosPaymentJson = ReturnType<typeof koiosPaymentJson>;
type KoiosCustomerJson = ReturnType<typeof koiosCustomerJson>;

/** Koios v1 (cloud): pay a customer by code or id, find payments by external_id, look customers up. */
@Injectable()
export class KoiosService {
  constructor(private readonly store: SparkmeterStore) {}

  pay(body: Record<string, unknown>): { errors: []; data: KoiosPaymentJson } {
    const { customer_code: code, customer_id: id, amount, memo, external_id: externalId } = body;
    if (!isText(code) && !isText(id)) throw validation('customer_code or customer_id is required');
    if (memo !== undefined && memo !== null && typeof memo !== 'string') throw validation('memo must be a string');
    if (externalId !== undefined && externalId !== null && !isText(externalId)) throw validation('external_id must be a non-empty string');
    const amountMinor = parseAmount(amount);
    const result = this.store.koios.pay(
      {
        customerCode: isText(code) ? code : undefined,
        customerId: isText(id) ? id : undefined,
        amountMinor,
        memo: typeof memo === 'string' ? memo : '',
        externalId: isText(externalId) ? externalId : null,
      },
      Date.now(),
    );
    switch (result.kind) {
      case 'unknown-customer':
        throw new VendorReplyError(404, koiosError('not_found', 'customer not found'));
      case 'duplicate-external-id':
        throw validation('external_id has already been taken');
      case 'paid':
        this.store.changed();
        return { errors: [], data: koiosPaymentJson(result.payment) };
    }
  }

  payments(externalId: string | undefined): { errors: []; data: KoiosPaymentJson[] } {
    const found = externalId === undefined ? this.store.koios.all() : this.store.koios.byExternalId(externalId);
    return { errors: [], data: found.map(koiosPaymentJson) };
  }

  payment(id: string): { errors: []; data: KoiosPaymentJson } {
    const found = this.store.koios.byId(id);
    if (!found) throw new VendorReplyError(404, koiosError('not_found', 'payment not found'));
    return { errors: [], data: koiosPaymentJson(found) };
  }

  customers(code: string | undefined): { errors: []; data: KoiosCustomerJson[] } {
    const found = code === undefined ? this.store.customers.list('koios') : [this.store.customers.byCode(code, 'koios')].filter((c) => c !== undefined);
    return { errors: [], data: found.map(koiosCustomerJson) };
  }
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function validation(title: string): VendorReplyError {
  return new VendorReplyError(400, koiosError('validation', title));
}

function parseAmount(value: unknown): number {
  try {
    return parseMajorAmount(value, SPARKMETER_CURRENCY);
  } catch (err) {
    if (err instanceof MoneyError) throw validation(`amount: ${err.message}`);
    throw err;
  }
}
