import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DeliveryStatus, toSafeInteger } from '@limye/contracts';
import { LeasedTable, preparedQuery, returnedRows } from '@limye/platform';
import { Delivery } from './delivery.entity';
import { NextState } from './domain/next-state';

/** A delivery as first written; `leased` means its first attempt starts right away in this process. */
export type NewDelivery = Pick<
  Delivery,
  | 'id' | 'organisationId' | 'paymentId' | 'customerId' | 'deviceId' | 'deviceType' | 'deviceManufacturer' | 'deviceSerial'
  | 'deviceVendorAccountRef' | 'deviceSiteId' | 'amountMinor' | 'currency' | 'memo' | 'driver' | 'status' | 'reason' | 'failureCode'
> & { leased: boolean };

/** An operator's listing: always within one organisation. */
export interface DeliveryFilter {
  organisationId: string;
  paymentId?: string;
  status?: DeliveryStatus;
  limit: number;
}

/**
 * The only reader and writer of the deliveries table. Every state change is one SQL statement, so none
 * needs a transaction longer than itself; leases are compared with the database clock only.
 */
@Injectable()
export class DeliveryRepository {
  /**
   * The entity's columns, for RETURNING in the prepared statements: `RETURNING *` would make Postgres
   * refuse them ("cached plan must not change result type") once a later migration adds a column.
   */
  private readonly columns: string;
  /** The deliveries as a work queue (claimed by the DeliveryWorker, and by a repeated request for its own). */
  readonly leasedTable: LeasedTable;

  constructor(private readonly dataSource: DataSource) {
    const columns = dataSource.getMetadata(Delivery).columns.map((c) => c.databaseName);
    this.columns = columns.join(', ');
    this.leasedTable = new LeasedTable(dataSource, {
      table: 'deliveries',
      pending: `status IN ('PENDING', 'UNKNOWN')`,
      dueColumn: 'next_attempt_at',
      leaseColumn: 'lease_until',
      // Each claim is one attempt; `record` stores an outcome only for the attempt it counted.
      attempts: { column: 'attempts', counted: 'on-claim' },
      // A lease still set when claimed means its holder never recorded a result (it died mid-call): that
      // attempt may have reached the vendor, so the delivery becomes UNKNOWN and the next attempt asks the
      // vendor before re-sending.
      alsoOnClaim: [
        `status = CASE WHEN deliveries.lease_until IS NOT NULL THEN 'UNKNOWN' ELSE deliveries.status END`,
        `reason = CASE WHEN deliveries.lease_until IS NOT NULL THEN 'an attempt ended without recording its outcome' ELSE deliveries.reason END`,
        'updated_at = now()',
      ],
      returning: columns,
    });
  }

  /**
   * Writes the delivery unless the payment has one (then null). A leased one counts as attempt 1 in
   * flight, so neither the worker nor a concurrent request touches it until the lease ends.
   */
  async insertIfAbsent(d: NewDelivery, leaseMs: number): Promise<Delivery | null> {
    const rows = await preparedQuery(
      this.dataSource,
      `INSERT INTO deliveries (id, organisation_id, payment_id, customer_id, device_id, device_type, device_manufacturer, device_serial,
         device_vendor_account_ref, device_site_id, amount_minor, currency, memo, driver, status, reason, failure_code,
         attempts, next_attempt_at, lease_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
         CASE WHEN $18 THEN 1 ELSE 0 END,
         CASE WHEN $18 THEN now() END,
         CASE WHEN $18 THEN now() + $19::int * interval '1 millisecond' END)
       ON CONFLICT (organisation_id, payment_id) DO NOTHING
       RETURNING ${this.columns}`,
      [
        d.id, d.organisationId, d.paymentId, d.customerId, d.deviceId, d.deviceType, d.deviceManufacturer, d.deviceSerial,
        d.deviceVendorAccountRef, d.deviceSiteId, d.amountMinor, d.currency, d.memo, d.driver, d.status, d.reason, d.failureCode,
        d.leased, leaseMs,
      ],
    );
    return rows.length > 0 ? toDelivery(rows[0]) : null;
  }

  /** The delivery `id` of `organisationId`; another organisation's delivery is not found. */
  async findById(organisationId: string, id: string): Promise<Delivery | null> {
    const rows = await this.dataSource.query(`SELECT * FROM deliveries WHERE id = $1 AND organisation_id = $2`, [id, organisationId]);
    return rows.length > 0 ? toDelivery(rows[0]) : null;
  }

  async findByPaymentId(organisationId: string, paymentId: string): Promise<Delivery | null> {
    const rows = await this.dataSource.query(`SELECT * FROM deliveries WHERE payment_id = $1 AND organisation_id = $2`, [paymentId, organisationId]);
    return rows.length > 0 ? toDelivery(rows[0]) : null;
  }

  async list(filter: DeliveryFilter): Promise<Delivery[]> {
    const rows = await this.dataSource.query(
      `SELECT * FROM deliveries
       WHERE organisation_id = $4 AND ($1::uuid IS NULL OR payment_id = $1) AND ($2::varchar IS NULL OR status = $2)
       ORDER BY created_at DESC, id
       LIMIT $3`,
      [filter.paymentId ?? null, filter.status ?? null, filter.limit, filter.organisationId],
    );
    return rows.map(toDelivery);
  }

  /** Leases due deliveries (all of them, or just `onlyId`) for one attempt each (see leasedTable). */
  async claimDue(limit: number, leaseMs: number, onlyId?: string): Promise<Delivery[]> {
    return (await this.leasedTable.claim(limit, leaseMs, onlyId)).map(toDelivery);
  }

  /**
   * Stores an attempt's result and ends its lease — only if the attempt still owns the delivery (no one
   * claimed it since, which would have raised `attempts`). Null when it no longer does.
   */
  async record(d: Delivery, next: NextState): Promise<Delivery | null> {
    const rows = await preparedQuery(
      this.dataSource,
      `UPDATE deliveries SET
         status = $3::varchar, reason = $4::text, failure_code = $5::varchar, vendor_ref = COALESCE($6::varchar, vendor_ref),
         next_attempt_at = CASE WHEN $7::bigint IS NULL THEN NULL ELSE now() + $7::bigint * interval '1 millisecond' END,
         ${this.leasedTable.releaseSets().join(', ')},
         delivered_at = CASE WHEN $3::varchar = 'DELIVERED' THEN now() ELSE delivered_at END,
         updated_at = now()
       WHERE id = $1 AND attempts = $2 AND status IN ('PENDING', 'UNKNOWN')
       RETURNING ${this.columns}`,
      [d.id, d.attempts, next.status, next.reason, next.failureCode, next.vendorRef, next.retryInMs],
    );
    return rows.length > 0 ? toDelivery(rows[0]) : null;
  }

  /**
   * Operator retry: due now. A FAILED delivery is by definition not credited, so it goes back to
   * PENDING; an attempt in flight keeps its lease. Null when the delivery is DELIVERED (or missing).
   */
  async makeDue(organisationId: string, id: string, em: EntityManager = this.dataSource.manager): Promise<Delivery | null> {
    const rows = await this.updateReturning(
      `UPDATE deliveries SET
         status = CASE WHEN status = 'FAILED' THEN 'PENDING' ELSE status END,
         failure_code = NULL, next_attempt_at = now(), updated_at = now()
       WHERE id = $1 AND organisation_id = $2 AND status IN ('PENDING', 'UNKNOWN', 'FAILED')
       RETURNING *`,
      [id, organisationId],
      em,
    );
    return rows.length > 0 ? toDelivery(rows[0]) : null;
  }

  /** `organisationId`'s delivery locked until the caller's transaction ends (an operator change reads what it changes). */
  async findForUpdate(organisationId: string, id: string, em: EntityManager): Promise<Delivery | null> {
    const rows = returnedRows<Record<string, unknown>>(await em.query(`SELECT * FROM deliveries WHERE id = $1 AND organisation_id = $2 FOR UPDATE`, [id, organisationId]));
    return rows.length > 0 ? toDelivery(rows[0]) : null;
  }

  private async updateReturning(sql: string, params: unknown[], em: EntityManager = this.dataSource.manager): Promise<Record<string, unknown>[]> {
    return returnedRows<Record<string, unknown>>(await em.query(sql, params));
  }
}

/** A row of the deliveries table (snake_case, bigint as text) as a Delivery. */
export function toDelivery(row: Record<string, unknown>): Delivery {
  return Object.assign(new Delivery(), {
    id: row.id,
    organisationId: row.organisation_id,
    paymentId: row.payment_id,
    customerId: row.customer_id,
    deviceId: row.device_id,
    deviceType: row.device_type,
    deviceManufacturer: row.device_manufacturer,
    deviceSerial: row.device_serial,
    deviceVendorAccountRef: row.device_vendor_account_ref,
    deviceSiteId: row.device_site_id,
    amountMinor: toSafeInteger(row.amount_minor as string),
    currency: row.currency,
    memo: row.memo,
    driver: row.driver,
    status: row.status,
    attempts: row.attempts,
    vendorRef: row.vendor_ref,
    reason: row.reason,
    failureCode: row.failure_code,
    nextAttemptAt: row.next_attempt_at,
    leaseUntil: row.lease_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deliveredAt: row.delivered_at,
  } as Delivery);
}
