import { Injectable } from '@nestjs/common';
import { MoneyError, parseMajorAmount } from '@limye/contracts';
import { VendorReplyError } from '../common/vendor-reply.error';
import { SPARKMETER_CURRENCY } from './domain/customer-book';
import { tcCustomerJson, tcFailure, tcTransactionJson } from './domain/sparkmeter-wire';
import { SparkmeterStore } from './sparkmeter.store';

type TcTransactionJson = ReturnType<typeof tcTransactionJson>;
type TcCustomerJson = ReturnType<typeof tcCustomerJson>;

/** ThunderCloud v0 (one server per site): credit by customer uuid, poll the transaction, look a customer up. */
@Injectable()
export class ThundercloudService {
  constructor(private readonly store: SparkmeterStore) {}

  createTransaction(body: Record<string, unknown>): { transaction_id: string; error: null } {
    const { customer_id: customerId, amount, source, external_id: externalId } = body;
    if (!isText(customerId)) throw failure(400, 'customer_id is required');
    if (source !== undefined && !isText(source)) throw failure(400, 'source must be a string');
    if (externalId !== undefined && externalId !== null && !isText(externalId)) throw failure(400, 'external_id must be a non-empty string');
    const settings = this.store.current();
    const result = this.store.thundercloud.create(
      {
        customerId,
        amountMinor: parseAmount(amount),
        source: isText(source) ? source : 'cash',
        externalId: isText(externalId) ? externalId : null,
      },
      Date.now(),
      settings.thundercloudSettleMs,
      settings.thundercloudOutcome,
      settings.thundercloudPendingPolls,
    );
    if (result.kind === 'unknown-customer') throw failure(404, 'customer not found');
    if (result.kind === 'created') this.store.changed();
    return { transaction_id: result.transaction.id, error: null };
  }

  transaction(id: string): { transaction: TcTransactionJson; error: null } {
    const found = this.store.thundercloud.byId(id, Date.now());
    if (!found) throw failure(404, 'transaction not found');
    return { transaction: tcTransactionJson(found), error: null };
  }

  /** Lookup is case-sensitive, as on a real site. */
  customer(code: string): { customers: TcCustomerJson[]; error: null } {
    this.store.thundercloud.settleDue(Date.now());
    const found = this.store.customers.byCode(code, 'thundercloud');
    if (!found) throw failure(404, 'not found');
    return { customers: [tcCustomerJson(found)], error: null };
  }
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function failure(status: number, error: string): VendorReplyError {
  return new VendorReplyError(status, tcFailure(error));
}

function parseAmount(value: unknown): number {
  try {
    return parseMajorAmount(value, SPARKMETER_CURRENCY);
  } catch (err) {
    if (err instanceof MoneyError) throw failure(400, `invalid amount: ${err.message}`);
    throw err;
  }
}
