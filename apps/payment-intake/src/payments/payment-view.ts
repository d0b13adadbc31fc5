import { isActive } from './domain/payment-state';
import { Payment } from './payment.entity';
import { PaymentEvent } from './payment-event.entity';

export interface PaymentView {
  id: string;
  provider: string;
  providerRef: string;
  state: string;
  amountMinor: number | null;
  currency: string | null;
  orderId: string | null;
  accountNumber: string | null;
  payerPhone: string | null;
  customerId: string | null;
  deviceId: string | null;
  deviceSerial: string | null;
  energyCreditMinor: number | null;
  deliveryId: string | null;
  vendorRef: string | null;
  reason: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  history?: Array<{ state: string; at: string; detail: string | null }>;
}

export function toPaymentView(p: Payment, events?: PaymentEvent[]): PaymentView {
  const active = isActive(p.state);
  return {
    id: p.id,
    provider: p.provider,
    providerRef: p.providerRef,
    state: p.state,
    amountMinor: p.amountMinor,
    currency: p.currency,
    orderId: p.orderId,
    accountNumber: p.accountNumber,
    payerPhone: p.payerPhone,
    customerId: p.customerId,
    deviceId: p.device?.id ?? null,
    deviceSerial: p.device?.serial ?? null,
    energyCreditMinor: p.energyCreditMinor,
    deliveryId: p.deliveryId,
    vendorRef: p.vendorRef,
    reason: p.reason,
    attempts: p.attempts,
    nextAttemptAt: active ? new Date(p.nextAttemptAt).toISOString() : null,
    createdAt: new Date(p.createdAt).toISOString(),
    updatedAt: new Date(p.updatedAt).toISOString(),
    completedAt: p.completedAt ? new Date(p.completedAt).toISOString() : null,
    ...(events ? { history: events.map((e) => ({ state: e.state, at: new Date(e.at).toISOString(), detail: e.detail })) } : {}),
  };
}
