import { renderPaymentPage } from './payment-page';

describe('renderPaymentPage', () => {
  it('shows the order and posts back to the redirect path, escaping what it prints', () => {
    const html = renderPaymentPage({ orderId: '<b>INV&1</b>', amount: '250.50', token: 'a b', defaultPayer: '50937000000' });
    expect(html).toContain('&lt;b&gt;INV&amp;1&lt;/b&gt;');
    expect(html).not.toContain('<b>INV');
    expect(html).toContain('250.50 HTG');
    expect(html).toContain('action="/Moncash-middleware/Payment/Redirect?token=a%20b"');
    expect(html).toContain('<button type="submit">Pay</button>');
  });
});
