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
});
