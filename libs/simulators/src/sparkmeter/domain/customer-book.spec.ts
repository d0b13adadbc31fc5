import { CustomerBook } from './customer-book';
import { seedCustomers } from './seed-customers';

describe('CustomerBook', () => {
  it('overwrites a customer by code but keeps its id', () => {
    const book = new CustomerBook(seedCustomers(), () => 'new-id');
    const before = book.byCode('0252SHG')!;
    const after = book.upsert({ code: '0252SHG', api: 'koios', creditMinor: 700 });
    expect(after.id).toBe(before.id);
    expect(after.creditMinor).toBe(700);
    expect(after.name).toBe(before.name);
  });

  it('creates a new customer with a fresh id and zero credit', () => {
    const book = new CustomerBook([], () => 'new-id');
    expect(book.upsert({ code: 'X1', api: 'thundercloud' })).toMatchObject({ id: 'new-id', code: 'X1', api: 'thundercloud', creditMinor: 0 });
    expect(book.byCode('X1', 'koios')).toBeUndefined();
    expect(book.byCode('x1')).toBeUndefined();
  });

  it('does not let callers change stored customers through returned copies', () => {
    const book = new CustomerBook(seedCustomers());
    book.byCode('0252SHG')!.creditMinor = 999;
    expect(book.byCode('0252SHG')!.creditMinor).toBe(0);
  });

  it('finds and credits a customer by id, also after an overwrite by code', () => {
    const book = new CustomerBook(seedCustomers());
    const { id } = book.byCode('0253SHG')!;
    expect(book.byId(id, 'koios')).toMatchObject({ code: '0253SHG', creditMinor: 12_550 });
    expect(book.byId(id, 'thundercloud')).toBeUndefined();
    book.upsert({ code: '0253SHG', api: 'koios', creditMinor: 100 });
    book.credit(id, 50);
    expect(book.byCode('0253SHG')!.creditMinor).toBe(150);
    expect(book.byId(id)!.creditMinor).toBe(150);
    expect(() => book.credit('nobody', 1)).toThrow(/no customer nobody/);
  });
});
