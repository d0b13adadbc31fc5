/** The sandbox's stand-in for MonCash's checkout page: shows the order and a Pay button. */
export function renderPaymentPage(p: { orderId: string; amount: string; token: string; defaultPayer: string }): string {
  const action = `/Moncash-middleware/Payment/Redirect?token=${encodeURIComponent(p.token)}`;
  return page(
    'MonCash sandbox — pay',
    `<h1>MonCash sandbox</h1>
<p>Order <strong>${escapeHtml(p.orderId)}</strong></p>
<p>Amount <strong>${escapeHtml(p.amount)} HTG</strong></p>
<form method="post" action="${escapeHtml(action)}">
  <label>Payer phone <input name="payer" value="${escapeHtml(p.defaultPayer)}" pattern="[0-9]{8,15}"></label>
  <button type="submit">Pay</button>
</form>`,
  );
}

export function renderMessagePage(title: string, message: string): string {
  return page(`MonCash sandbox — ${title}`, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
${body}
</body></html>
`;
}
