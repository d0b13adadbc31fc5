import { Injectable } from '@nestjs/common';
import { BalancesRepository } from './balances.repository';
import { CurrencyBalance, customerBalances } from './domain/customer-balances';

export interface CustomerBalancesView {
  customerId: string;
  balances: CurrencyBalance[];
}

@Injectable()
export class BalancesService {
  constructor(private readonly balances: BalancesRepository) {}

  /** A customer the ledger has never seen has no balances: an empty list, not an error. */
  /** Another organisation's customer is, to this one, a customer the ledger has never seen. */
  async balancesOf(organisationId: string, customerId: string): Promise<CustomerBalancesView> {
    return { customerId, balances: customerBalances(await this.balances.postingTotals(organisationId, customerId)) };
  }
}
