import { Inject, Injectable, Logger } from '@nestjs/common';
import { ResolvePayerReply, ResolvePayerRequest } from '@limye/contracts';
import { maskPhone, SERVICE_ENV } from '@limye/platform';
import { CustomerRegistryEnv } from '../config/customer-registry.env';
import { toCustomerRef, toDeviceRef } from '../customers/customer.view';
import { CustomersRepository } from '../customers/customers.repository';
import { normalizeIdentifier } from '../customers/domain/identifiers';
import { normalizePhone } from '../customers/domain/phone';
import { decideMatch, MatchDecision } from './domain/decide-match';

type PayerKey = NonNullable<ResolvePayerReply['matchedBy']>;

/** Most specific first: an account number names one customer, a serial one device, a phone may be shared. */
const KEY_ORDER: readonly PayerKey[] = ['accountNumber', 'serial', 'phone'];

/** Enough to decide between customers sharing a phone; more only lengthens the reason. */
const PHONE_CANDIDATE_LIMIT = 20;

@Injectable()
export class PayersService {
  private readonly logger = new Logger(PayersService.name);

  constructor(
    private readonly customers: CustomersRepository,
    @Inject(SERVICE_ENV) private readonly env: CustomerRegistryEnv,
  ) {}

  /**
   * Finds who paid. Each identifier the payment carries is tried in KEY_ORDER; one that finds nobody
   * lets the next one try (an account number mistyped at the till, a phone still right), and the reason
   * of a fallback match says what was missed. The first identifier that finds someone decides. Only
   * `organisationId`'s customers are candidates: the same phone or serial elsewhere is another operator's.
   */
  async resolve(organisationId: string, req: ResolvePayerRequest): Promise<ResolvePayerReply> {
    const misses: string[] = [];
    for (const key of KEY_ORDER) {
      const value = req[key];
      if (value == null) continue;
      const { label, decision } = await this.decide(organisationId, key, value, req.country);
      if (decision.outcome === 'no_match') {
        misses.push(`${label}: ${decision.reason}`);
        continue;
      }
      const reply = toReply(decision, key, label, misses);
      this.logger.log({ msg: 'payer resolved', outcome: reply.outcome, by: key, customerId: reply.customer?.id, fallbacks: misses.length });
      return reply;
    }
    this.logger.log({ msg: 'payer resolved', outcome: 'no_match', tried: misses.length });
    return { outcome: 'no_match', reason: misses.join('; ') };
  }

  private async decide(organisationId: string, key: PayerKey, value: string, country: string | undefined): Promise<{ label: string; decision: MatchDecision }> {
    if (key === 'phone') {
      const phone = normalizePhone(value, country ?? this.env.REGISTRY_DEFAULT_COUNTRY);
      if (!phone.ok) return { label: `phone ${maskPhone(value)}`, decision: { outcome: 'no_match', reason: phone.reason } };
      const candidates = await this.customers.findPayerCandidates(organisationId, 'phone', phone.e164, PHONE_CANDIDATE_LIMIT);
      return { label: `phone ${maskPhone(phone.e164)}`, decision: decideMatch(candidates) };
    }
    const normalized = normalizeIdentifier(value);
    if (key === 'accountNumber') {
      const candidates = await this.customers.findPayerCandidates(organisationId, 'accountNumber', normalized, 1);
      return { label: `account number ${normalized}`, decision: decideMatch(candidates) };
    }
    const found = await this.customers.findDeviceBySerial(organisationId, normalized);
    const candidates = found ? [{ customer: toCustomerRef(found.customer), devices: [toDeviceRef(found.device)] }] : [];
    return { label: `serial ${normalized}`, decision: decideMatch(candidates) };
  }
}

function toReply(decision: Exclude<MatchDecision, { outcome: 'no_match' }>, key: PayerKey, label: string, misses: string[]): ResolvePayerReply {
  if (decision.outcome === 'ambiguous') return { outcome: 'ambiguous', reason: [...misses, `${label}: ${decision.reason}`].join('; ') };
  return {
    outcome: 'matched',
    matchedBy: key,
    customer: decision.customer,
    device: decision.device,
    ...(misses.length > 0 ? { reason: `${misses.join('; ')}; matched by ${label}` } : {}),
  };
}
