/** Body of the JetStream event `payments.v1.completed` (Nats-Msg-Id = eventId). */
export interface PaymentCompletedEvent {
  eventId: string;
  /** The payment's organisation (also the event's `limye-organisation` header). */
  organisationId: string;
  paymentId: string;
  provider: string;
  providerRef: string;
  customerId: string;
  deviceId: string;
  amountMinor: number;
  currency: string;
  /** Null when nothing was left to deliver (all of the payment cleared debts). */
  deliveryId: string | null;
  vendorRef: string | null;
  completedAt: string;
}
