import { LedgerAccountRef } from './posting-line';

/** Where a provider's collected money sits until it is settled to us. */
export function providerClearingAccount(provider: string, currency: string): LedgerAccountRef {
  return { code: `provider_clearing:${provider}:${currency}`, kind: 'provider_clearing', currency, customerId: null };
}

export function customerEnergyCreditAccount(customerId: string, currency: string): LedgerAccountRef {
  return { code: `customer:${customerId}:energy_credit:${currency}`, kind: 'energy_credit', currency, customerId };
}

export function customerEnergyDeliveredAccount(customerId: string, currency: string): LedgerAccountRef {
  return { code: `customer:${customerId}:energy_delivered:${currency}`, kind: 'energy_delivered', currency, customerId };
}
