import { OmisSaleBook, SaleRegistration } from './omis-sale-book';
import { RwandaHousehold } from './rwanda-household';
import { RwandaPopulation } from './rwanda-population';

const location = { province: 'Amajyepfo', district: 'Huye', sector: 'Tumba', cell: 'Cyimana', village: 'Gitwa' };

function household(householdId: string, memberIds: string[], omisHistory: RwandaHousehold['omisHistory'] = { kind: 'none' }): RwandaHousehold {
  return { householdId, category: '1', memberIds, location, voucherNumber: `7${householdId.slice(-7)}`, omisHistory };
}

const FREE = household('0000000001', ['1198780012345012', '1197580012345011', '1200570000001033']);
const FREE_TOO = household('0000000002', ['1198880000000201']);
const SUBSIDISED = household('0000000003', ['1196570000000301'], { kind: 'subsidised', installedAt: '2025-03-01T08:00:00Z' });
const REPOSSESSED = household('0000000004', ['1196580000000401'], { kind: 'repossession' });
const OTHERCO = household('0000000005', ['1199070000000501', '1199180000000502'], {
  kind: 'ongoing_sale',
  sale: { reference: '90000001', companyCode: 'OTHERCO', productCode: 'SHS-30W', priceRwf: 85_000, incentiveRwf: 76_500, tier: 1, registeredAt: '2026-11-10T09:00:00Z' },
});

function registration(over: Partial<SaleRegistration> = {}): SaleRegistration {
  return {
    reference: '48213907',
    householdId: FREE.householdId,
    nationalId: FREE.memberIds[1],
    companyCode: 'SOLARCO',
    productCode: 'SHS-50W',
    priceRwf: 115_000,
    incentiveRwf: 103_500,
    category: '1',
    tier: 1,
    location,
    registeredAt: '2026-11-22T10:15:00Z',
    ...over,
  };
}

describe('OmisSaleBook', () => {
  let book: OmisSaleBook;
  beforeEach(() => {
    book = new OmisSaleBook(new RwandaPopulation([FREE, FREE_TOO, SUBSIDISED, REPOSSESSED, OTHERCO]));
  });

  it('starts from the seeded history', () => {
    expect(book.status(FREE.householdId)).toEqual({ subsidised: false, installedAt: null, ongoingSale: null, repossession: false });
    expect(book.status(SUBSIDISED.householdId)).toEqual({ subsidised: true, installedAt: '2025-03-01T08:00:00Z', ongoingSale: null, repossession: false });
    expect(book.status(REPOSSESSED.householdId)).toMatchObject({ subsidised: false, repossession: true, ongoingSale: null });
    expect(book.status(OTHERCO.householdId).ongoingSale).toEqual({ reference: '90000001', companyCode: 'OTHERCO', registeredAt: '2026-11-10T09:00:00Z' });
    expect(book.sale('90000001')).toMatchObject({ householdId: OTHERCO.householdId, nationalId: OTHERCO.memberIds[0], status: 'pending_installation', vouchersUsed: 0 });
  });

  describe('register', () => {
    it('records a pending sale once; the same reference again answers the first sale unchanged', () => {
      const first = book.register(registration());
      expect(first).toEqual({
        kind: 'created',
        sale: { ...registration(), status: 'pending_installation', confirmedAt: null, cancelledAt: null, cancelReason: null, vouchersUsed: 0 },
      });
      const again = book.register(registration({ priceRwf: 1, productCode: 'OTHER' }));
      expect(again).toEqual({ kind: 'existing', sale: first.kind === 'created' ? first.sale : null });
      expect(book.status(FREE.householdId).ongoingSale).toEqual({ reference: '48213907', companyCode: 'SOLARCO', registeredAt: '2026-11-22T10:15:00Z' });
    });

    it('blocks a household with another pending sale, an installation or a repossession', () => {
      book.register(registration());
      expect(book.register(registration({ reference: 'R2', nationalId: FREE.memberIds[0] }))).toEqual({ kind: 'household_blocked' });
      expect(book.register(registration({ reference: 'R3', householdId: SUBSIDISED.householdId, nationalId: SUBSIDISED.memberIds[0] }))).toEqual({ kind: 'household_blocked' });
      expect(book.register(registration({ reference: 'R4', householdId: REPOSSESSED.householdId, nationalId: REPOSSESSED.memberIds[0] }))).toEqual({ kind: 'household_blocked' });
      expect(book.register(registration({ reference: 'R5', householdId: OTHERCO.householdId, nationalId: OTHERCO.memberIds[1] }))).toEqual({ kind: 'household_blocked' });
      expect(book.sale('R2')).toBeUndefined();
      expect(book.register(registration({ reference: 'R6', householdId: FREE_TOO.householdId, nationalId: FREE_TOO.memberIds[0] })).kind).toBe('created');
    });

    it('refuses a household it does not know and a person outside the household', () => {
      expect(book.register(registration({ householdId: '9999999999' }))).toEqual({ kind: 'unknown_household' });
      expect(book.register(registration({ nationalId: FREE_TOO.memberIds[0] }))).toEqual({ kind: 'not_a_member' });
      expect(book.sale('48213907')).toBeUndefined();
    });
  });

  describe('confirm', () => {
    it('installs once: the household becomes subsidised with a voucher used per member', () => {
      book.register(registration());
      const done = book.confirm('48213907', FREE.householdId, '2026-11-25T14:00:00Z');
      expect(done).toMatchObject({ kind: 'confirmed', sale: { status: 'installed', confirmedAt: '2026-11-25T14:00:00Z', vouchersUsed: 3 } });
      expect(book.status(FREE.householdId)).toEqual({ subsidised: true, installedAt: '2026-11-25T14:00:00Z', ongoingSale: null, repossession: false });

      const again = book.confirm('48213907', FREE.householdId, '2026-12-01T00:00:00Z');
      expect(again).toEqual({ kind: 'already_confirmed', sale: done.kind === 'confirmed' ? done.sale : null });
      expect(book.status(FREE.householdId).installedAt).toBe('2026-11-25T14:00:00Z');
      expect(book.register(registration({ reference: 'LATER' }))).toEqual({ kind: 'household_blocked' });
    });

    it('answers not_found, household_mismatch and sale_cancelled without changing anything', () => {
      expect(book.confirm('NOPE', FREE.householdId, '2026-11-25T14:00:00Z')).toEqual({ kind: 'not_found' });
      book.register(registration());
      expect(book.confirm('48213907', FREE_TOO.householdId, '2026-11-25T14:00:00Z')).toEqual({ kind: 'household_mismatch' });
      expect(book.sale('48213907')?.status).toBe('pending_installation');
      book.cancel('48213907', 'reservation_expired', '2026-12-06T00:00:00Z');
      expect(book.confirm('48213907', FREE.householdId, '2026-11-25T14:00:00Z')).toEqual({ kind: 'sale_cancelled' });
      expect(book.status(FREE.householdId).subsidised).toBe(false);
    });

    it("confirms another company's pre-existing sale too", () => {
      expect(book.confirm('90000001', OTHERCO.householdId, '2026-11-26T10:00:00Z')).toMatchObject({ kind: 'confirmed', sale: { vouchersUsed: 2 } });
      expect(book.status(OTHERCO.householdId)).toMatchObject({ subsidised: true, ongoingSale: null });
    });
  });

  describe('cancel', () => {
    it('frees the household for another sale, once', () => {
      book.register(registration());
      const cancelled = book.cancel('48213907', 'reservation_expired', '2026-12-06T00:00:00Z');
      expect(cancelled).toMatchObject({ kind: 'cancelled', sale: { status: 'cancelled', cancelledAt: '2026-12-06T00:00:00Z', cancelReason: 'reservation_expired' } });
      expect(book.status(FREE.householdId)).toEqual({ subsidised: false, installedAt: null, ongoingSale: null, repossession: false });

      const again = book.cancel('48213907', 'other', '2026-12-07T00:00:00Z');
      expect(again).toEqual({ kind: 'already_cancelled', sale: cancelled.kind === 'cancelled' ? cancelled.sale : null });

      expect(book.register(registration({ reference: 'NEXT', companyCode: 'SUNCO' })).kind).toBe('created');
      // Cancelling the old sale again must not free the household from the new one.
      book.cancel('48213907', 'again', '2026-12-08T00:00:00Z');
      expect(book.status(FREE.householdId).ongoingSale?.reference).toBe('NEXT');
    });

    it('answers not_found and sale_installed', () => {
      expect(book.cancel('NOPE', 'x', '2026-12-06T00:00:00Z')).toEqual({ kind: 'not_found' });
      book.register(registration());
      book.confirm('48213907', FREE.householdId, '2026-11-25T14:00:00Z');
      expect(book.cancel('48213907', 'reservation_expired', '2026-12-06T00:00:00Z')).toEqual({ kind: 'sale_installed' });
      expect(book.status(FREE.householdId).subsidised).toBe(true);
    });
  });

  it('hands out copies, so callers cannot change a recorded sale', () => {
    const created = book.register(registration());
    if (created.kind !== 'created') throw new Error('expected a new sale');
    created.sale.status = 'installed';
    created.sale.location.village = 'Elsewhere';
    expect(book.sale('48213907')).toMatchObject({ status: 'pending_installation', location: { village: 'Gitwa' } });
  });
  describe('writes and replay (how the book is saved across restarts)', () => {
    const population = () => new RwandaPopulation([FREE, FREE_TOO, SUBSIDISED, REPOSSESSED, OTHERCO]);

    it('replaying the writes over the same population gives the same book', () => {
      book.register(registration());
      book.confirm('48213907', FREE.householdId, '2026-11-25T14:00:00Z');
      book.register(registration({ reference: '48213908', householdId: FREE_TOO.householdId, nationalId: FREE_TOO.memberIds[0] }));
      book.cancel('48213908', 'reservation_expired', '2026-11-30T00:00:00Z');
      book.cancel('90000001', 'reservation_expired', '2026-11-30T00:00:00Z');
      // Refused or repeated writes change nothing, so they are not among the writes.
      book.register(registration({ reference: '48213909' }));
      book.confirm('48213907', FREE.householdId, '2026-11-26T14:00:00Z');
      expect(book.writes().map((w) => w.kind)).toEqual(['register', 'confirm', 'register', 'cancel', 'cancel']);

      const replayed = new OmisSaleBook(population());
      replayed.replay(JSON.parse(JSON.stringify(book.writes())));
      for (const reference of ['48213907', '48213908', '48213909', '90000001']) expect(replayed.sale(reference)).toEqual(book.sale(reference));
      for (const h of [FREE, FREE_TOO, SUBSIDISED, REPOSSESSED, OTHERCO]) expect(replayed.status(h.householdId)).toEqual(book.status(h.householdId));
      expect(replayed.writes()).toEqual(book.writes());
    });

    it('refuses writes that do not apply to the population, naming the first one', () => {
      const other = new OmisSaleBook(new RwandaPopulation([FREE_TOO]));
      book.register(registration());
      expect(() => other.replay(book.writes())).toThrow('OMIS write 1 of 1 (register of sale 48213907) does not apply: unknown_household');
      expect(() => new OmisSaleBook(population()).replay([{ kind: 'sell' } as never])).toThrow('OMIS write 1 of 1 (sell of sale undefined) does not apply: not an OMIS write');
    });
  });
});
