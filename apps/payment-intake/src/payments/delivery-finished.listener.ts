import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JSONCodec, Subscription } from 'nats';
import { DeliveryFinishedNotice, ServiceNames, Subjects } from '@limye/contracts';
import { JetStreamConnection } from '@limye/platform';
import { PaymentWorker } from './payment.worker';

const codec = JSONCodec<Partial<DeliveryFinishedNotice>>();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * meter-adapter finished a delivery that had been answered PENDING or UNKNOWN (the vendor came back, a
 * ThunderCloud transaction got processed): its payment's next step — record it, move it on — runs now,
 * not after the payment's back-off (up to PAYMENT_RETRY_MAX_MS). One replica takes each notice (queue
 * group); a lost notice only costs that wait.
 */
@Injectable()
export class DeliveryFinishedListener implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryFinishedListener.name);
  private subscription?: Subscription;

  constructor(
    private readonly nats: JetStreamConnection,
    private readonly worker: PaymentWorker,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const nc = await this.nats.connect();
    this.subscription = nc.subscribe(Subjects.meterDeliveryFinished, {
      queue: ServiceNames.paymentIntake,
      callback: (err, msg) => {
        if (err) return;
        let notice: Partial<DeliveryFinishedNotice>;
        try {
          notice = codec.decode(msg.data);
        } catch {
          return;
        }
        if (typeof notice.paymentId !== 'string' || !UUID.test(notice.paymentId)) return;
        this.worker
          .deliveryFinished(notice.paymentId)
          .catch((e: Error) => this.logger.warn({ msg: 'delivery notice not acted on; the payment asks again after its back-off', paymentId: notice.paymentId, error: e.message }));
      },
    });
  }

  beforeApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }
}
