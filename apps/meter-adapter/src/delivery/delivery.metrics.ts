import { counter } from '@limye/platform';

/** One per attempt: delivered, pending, failed, not_credited, unknown, gave_up. */
export const deliveryAttempts = counter(
  'limye_meter_delivery_attempts_total',
  'Delivery attempts by driver and outcome',
  ['driver', 'outcome'],
);

/** One per delivery reaching DELIVERED or FAILED. */
export const deliveriesFinished = counter('limye_meter_deliveries_total', 'Deliveries that reached a final status, by driver and status', [
  'driver',
  'status',
]);
