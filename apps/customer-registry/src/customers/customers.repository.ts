import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import { CustomerRef, DeviceRef, DomainError, ErrorCodes } from '@limye/contracts';
import { preparedQuery } from '@limye/platform';
import { Customer } from './customer.entity';
import { Device } from './device.entity';
import { generateAccountNumber } from './domain/account-number';

/** A possible payer as matching sees it (see findPayerCandidates). */
export interface MatchCandidateRow {
  customer: CustomerRef;
  devices: DeviceRef[];
}

export interface CustomerRecord {
  customer: Customer;
  devices: Device[];
}

/** A customer to register: phone in E.164, identifiers already normalised. */
export interface NewCustomer {
  organisationId: string;
  id: string;
  name: string;
  phone: string;
  /** null: generate one. */
  accountNumber: { display: string; normalized: string } | null;
  siteId: string | null;
  devices: Array<Pick<Device, 'id' | 'type' | 'manufacturer' | 'serial' | 'serialNormalized' | 'vendorAccountRef'>>;
}

export interface CustomerFilters {
  phone?: string;
  accountNumberNormalized?: string;
  serialNormalized?: string;
  siteId?: string;
  limit: number;
}

/** Postgres' own word on a broken unique index or foreign key, turned into the caller's error. */
const CONSTRAINT_ERRORS: Record<string, (value: string) => DomainError> = {
  devices_serial_normalized_uq: (v) => new DomainError(ErrorCodes.registryDeviceSerialTaken, `a device with serial ${v} is already registered`, 409),
  devices_site_vendor_account_uq: (v) => new DomainError(ErrorCodes.registryVendorAccountTaken, `vendor account ${v} is already another device's in this site`, 409),
  customers_account_number_normalized_uq: (v) => new DomainError(ErrorCodes.registryAccountNumberTaken, `account number ${v} is already taken`, 409),
  customers_site_fk: () => new DomainError(ErrorCodes.registrySiteNotFound, 'the site does not exist', 422),
  devices_site_fk: () => new DomainError(ErrorCodes.registrySiteNotFound, 'the site does not exist', 422),
};

/** The registry's tables: customers and their devices. */
@Injectable()
export class CustomersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes the customer and every device in one transaction, or nothing. Uniqueness is left to the
   * unique indexes, so two registrations racing for one serial cannot both win.
   */
  async register(input: NewCustomer, tx?: EntityManager): Promise<CustomerRecord> {
    try {
      // In the caller's transaction when given (the audit row commits with it), else in one of its own.
      const inTx = <T>(work: (em: EntityManager) => Promise<T>) => (tx ? work(tx) : this.dataSource.transaction(work));
      return await inTx(async (em) => {
        const accountNumber = input.accountNumber ?? (await this.allocateAccountNumber(em, input.organisationId));
        await em.insert(Customer, {
          id: input.id,
          organisationId: input.organisationId,
          name: input.name,
          phone: input.phone,
          accountNumber: accountNumber.display,
          accountNumberNormalized: accountNumber.normalized,
          siteId: input.siteId,
        });
        await em.insert(Device, input.devices.map((d) => ({ ...d, organisationId: input.organisationId, customerId: input.id, siteId: input.siteId })));
        const [record] = await this.withDevices(em, [await em.findOneByOrFail(Customer, { organisationId: input.organisationId, id: input.id })]);
        return record;
      });
    } catch (err) {
      throw toDomainError(err);
    }
  }

  /**
   * The customer `id` if it is `organisationId`'s: another organisation's is as absent as an unknown one. With
   * `lock` (inside a transaction): the customer row is locked until it ends, so what is read is what is changed.
   */
  async findById(organisationId: string, id: string, em: EntityManager = this.dataSource.manager, lock = false): Promise<CustomerRecord | null> {
    const customer = await em.findOne(Customer, { where: { organisationId, id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    return customer ? (await this.withDevices(em, [customer]))[0] : null;
  }

  /** `organisationId`'s customers matching every given filter, oldest first. */
  async find(organisationId: string, filters: CustomerFilters): Promise<CustomerRecord[]> {
    const qb = this.dataSource.manager.createQueryBuilder(Customer, 'c').where('c.organisationId = :organisationId', { organisationId });
    if (filters.phone) qb.andWhere('c.phone = :phone', { phone: filters.phone });
    if (filters.accountNumberNormalized) qb.andWhere('c.accountNumberNormalized = :account', { account: filters.accountNumberNormalized });
    if (filters.siteId) qb.andWhere('c.siteId = :siteId', { siteId: filters.siteId });
    if (filters.serialNormalized) {
      qb.andWhere('c.id IN (SELECT d.customer_id FROM devices d WHERE d.organisation_id = :organisationId AND d.serial_normalized = :serial)', { serial: filters.serialNormalized });
    }
    const customers = await qb.orderBy('c.createdAt', 'ASC').addOrderBy('c.id', 'ASC').take(filters.limit).getMany();
    return this.withDevices(this.dataSource.manager, customers);
  }

  /**
   * Who a payment to `organisationId` could be from, with their devices, in one prepared statement: this runs
   * for every payment, so it skips the entity layer and reads exactly what matching needs.
   */
  async findPayerCandidates(organisationId: string, by: 'phone' | 'accountNumber', value: string, limit: number): Promise<MatchCandidateRow[]> {
    const where = by === 'phone' ? 'c.organisation_id = $3 AND c.phone = $1' : 'c.organisation_id = $3 AND c.account_number_normalized = $1';
    return preparedQuery<MatchCandidateRow>(
      this.dataSource,
      `SELECT json_build_object('id', c.id, 'name', c.name, 'accountNumber', c.account_number, 'siteId', c.site_id) AS customer,
              coalesce(json_agg(json_build_object('id', d.id, 'type', d.type, 'manufacturer', d.manufacturer, 'serial', d.serial,
                                                  'vendorAccountRef', d.vendor_account_ref, 'siteId', d.site_id)
                                ORDER BY d.created_at, d.serial_normalized) FILTER (WHERE d.id IS NOT NULL), '[]') AS devices
       FROM customers c LEFT JOIN devices d ON d.customer_id = c.id AND d.organisation_id = c.organisation_id
       WHERE ${where}
       GROUP BY c.id
       ORDER BY c.created_at, c.id
       LIMIT $2`,
      [value, limit, organisationId],
    );
  }

  async updateCustomer(organisationId: string, id: string, patch: { name?: string; phone?: string }, em: EntityManager = this.dataSource.manager): Promise<void> {
    await em.update(Customer, { organisationId, id }, patch);
  }

  async updateDevice(organisationId: string, id: string, patch: { vendorAccountRef: string | null }, em: EntityManager = this.dataSource.manager): Promise<void> {
    await em.update(Device, { organisationId, id }, patch).catch((err: unknown) => {
      throw toDomainError(err);
    });
  }

  /** `organisationId`'s device with this normalised serial, and its owner. */
  async findDeviceBySerial(organisationId: string, serialNormalized: string): Promise<{ customer: Customer; device: Device } | null> {
    const device = await this.dataSource.manager.findOneBy(Device, { organisationId, serialNormalized });
    if (!device) return null;
    return { customer: await this.dataSource.manager.findOneByOrFail(Customer, { organisationId, id: device.customerId }), device };
  }

  private async withDevices(em: EntityManager, customers: Customer[]): Promise<CustomerRecord[]> {
    if (customers.length === 0) return [];
    const devices = await em.find(Device, {
      where: { organisationId: customers[0].organisationId, customerId: In(customers.map((c) => c.id)) },
      order: { createdAt: 'ASC', serialNormalized: 'ASC' },
    });
    return customers.map((customer) => ({ customer, devices: devices.filter((d) => d.customerId === customer.id) }));
  }

  /**
   * The next sequence number with its check digit. An operator's own account number may already hold
   * that value; the sequence then moves on rather than failing the registration.
   */
  private async allocateAccountNumber(em: EntityManager, organisationId: string): Promise<{ display: string; normalized: string }> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const [{ value }] = await em.query(`SELECT nextval('account_number_seq') AS value`);
      const generated = generateAccountNumber(Number(value));
      if (!(await em.existsBy(Customer, { organisationId, accountNumberNormalized: generated }))) return { display: generated, normalized: generated };
    }
    throw new Error('no free account number after 10 sequence values');
  }
}

function toDomainError(err: unknown): unknown {
  if (!(err instanceof QueryFailedError)) return err;
  const pg = err.driverError as { code?: string; constraint?: string; detail?: string };
  const toError = (pg.code === '23505' || pg.code === '23503') && pg.constraint ? CONSTRAINT_ERRORS[pg.constraint] : undefined;
  if (!toError) return err;
  // detail reads: Key (organisation_id, serial_normalized)=(…, SM0252) already exists: the value is the last one.
  const value = (/\)=\((.*)\)/.exec(pg.detail ?? '')?.[1] ?? '').split(', ').pop() ?? '';
  return toError(value);
}
