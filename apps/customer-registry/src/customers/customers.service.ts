import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { EntityManager } from 'typeorm';
import { DomainError, ErrorCodes } from '@limye/contracts';
import { AuditRecorder, maskPhone, Principal, SERVICE_ENV } from '@limye/platform';
import { CustomerRegistryEnv } from '../config/customer-registry.env';
import { SitesService } from '../sites/sites.service';
import { toCustomerView } from './customer.view';
import { CustomerRecord, CustomersRepository } from './customers.repository';
import { normalizeIdentifier } from './domain/identifiers';
import { normalizePhone } from './domain/phone';
import { FindCustomersQuery } from './find-customers.query';
import { RegisterCustomerRequest } from './register-customer.request';
import { UpdateCustomerRequest } from './update-customer.request';
import { UpdateDeviceRequest } from './update-device.request';

@Injectable()
export class CustomersService {
  private readonly logger = new Logger(CustomersService.name);

  constructor(
    private readonly customers: CustomersRepository,
    private readonly sites: SitesService,
    @Inject(SERVICE_ENV) private readonly env: CustomerRegistryEnv,
    private readonly audit: AuditRecorder,
  ) {}

  /** Registers a customer and their devices together: all of it, or nothing. */
  async register(organisationId: string, req: RegisterCustomerRequest, caller?: Principal): Promise<CustomerRecord> {
    const site = req.siteId ? await this.sites.find(organisationId, req.siteId) : null;
    if (req.siteId && !site) throw new DomainError(ErrorCodes.registrySiteNotFound, `no site ${req.siteId}`, 422);
    const phone = this.phoneOrFail('phone', req.phone, site?.country);
    const devices = req.devices.map((d) => ({
      id: randomUUID(),
      type: d.type,
      manufacturer: d.manufacturer.trim(),
      serial: d.serial.trim(),
      serialNormalized: normalizeIdentifier(d.serial),
      vendorAccountRef: d.vendorAccountRef?.trim() ?? null,
    }));
    const repeated = devices.find((d, i) => devices.findIndex((o) => o.serialNormalized === d.serialNormalized) !== i);
    if (repeated) throw new DomainError(ErrorCodes.registryDeviceSerialTaken, `serial ${repeated.serialNormalized} is listed twice`, 409);

    const record = await this.audit.change(async (em) => {
      const registered = await this.customers.register(
        {
          organisationId,
          id: randomUUID(),
          name: req.name.trim(),
          phone,
          accountNumber: req.accountNumber ? { display: req.accountNumber.trim(), normalized: normalizeIdentifier(req.accountNumber) } : null,
          siteId: site?.id ?? null,
          devices,
        },
        em,
      );
      return { result: registered, audit: { actor: caller, action: 'customer.registered', target: { type: 'customer', id: registered.customer.id }, before: null, after: auditView(registered) } };
    });
    this.logger.log({ msg: 'customer registered', customerId: record.customer.id, phone: maskPhone(phone), siteId: record.customer.siteId, devices: devices.length });
    return record;
  }

  /** `organisationId`'s customer `id`; another organisation's answers 404 like an unknown one. */
  async get(organisationId: string, id: string): Promise<CustomerRecord> {
    const record = await this.customers.findById(organisationId, id);
    if (!record) throw new DomainError(ErrorCodes.registryCustomerNotFound, `no customer ${id}`, 404);
    return record;
  }

  /** Corrects a customer's name or phone; the phone is normalised as at registration. */
  async update(organisationId: string, id: string, req: UpdateCustomerRequest, caller?: Principal): Promise<CustomerRecord> {
    const current = await this.get(organisationId, id);
    const site = current.customer.siteId ? await this.sites.find(organisationId, current.customer.siteId) : null;
    const patch: { name?: string; phone?: string } = {};
    if (req.name !== undefined) patch.name = req.name.trim();
    if (req.phone !== undefined) patch.phone = this.phoneOrFail('phone', req.phone, site?.country);
    if (Object.keys(patch).length > 0) {
      await this.audit.change(async (em) => {
        const before = await this.lockedOrFail(organisationId, id, em);
        await this.customers.updateCustomer(organisationId, id, patch, em);
        const after = await this.lockedOrFail(organisationId, id, em);
        return { result: after, audit: { actor: caller, action: 'customer.updated', target: { type: 'customer', id }, before: auditView(before), after: auditView(after) } };
      });
    }
    this.logger.log({ msg: 'customer updated', customerId: id, fields: Object.keys(patch) });
    return this.get(organisationId, id);
  }

  /** Corrects a device's vendor account reference (e.g. the SparkMeter customer code). */
  async updateDevice(organisationId: string, id: string, deviceId: string, req: UpdateDeviceRequest, caller?: Principal): Promise<CustomerRecord> {
    const current = await this.get(organisationId, id);
    if (!current.devices.some((d) => d.id === deviceId)) {
      throw new DomainError(ErrorCodes.notFound, `customer ${id} has no device ${deviceId}`, 404);
    }
    if (req.vendorAccountRef !== undefined) {
      const vendorAccountRef = req.vendorAccountRef === null ? null : req.vendorAccountRef.trim();
      await this.audit.change(async (em) => {
        const before = await this.lockedOrFail(organisationId, id, em);
        await this.customers.updateDevice(organisationId, deviceId, { vendorAccountRef }, em);
        const after = await this.lockedOrFail(organisationId, id, em);
        const device = (r: CustomerRecord) => auditView(r).devices.find((d) => d.id === deviceId) ?? null;
        return { result: after, audit: { actor: caller, action: 'device.updated', target: { type: 'device', id: deviceId }, before: device(before), after: device(after) } };
      });
    }
    this.logger.log({ msg: 'device updated', customerId: id, deviceId });
    return this.get(organisationId, id);
  }

  /** Inside a change's transaction: `organisationId`'s customer, locked until it commits. */
  private async lockedOrFail(organisationId: string, id: string, em: EntityManager): Promise<CustomerRecord> {
    const record = await this.customers.findById(organisationId, id, em, true);
    if (!record) throw new DomainError(ErrorCodes.registryCustomerNotFound, `no customer ${id}`, 404);
    return record;
  }

  find(organisationId: string, query: FindCustomersQuery): Promise<CustomerRecord[]> {
    return this.customers.find(organisationId, {
      phone: query.phone === undefined ? undefined : this.phoneOrFail('phone', query.phone, query.country),
      accountNumberNormalized: query.accountNumber === undefined ? undefined : normalizeIdentifier(query.accountNumber),
      serialNormalized: query.serial === undefined ? undefined : normalizeIdentifier(query.serial),
      siteId: query.siteId,
      limit: query.limit,
    });
  }

  /** E.164, reading a local form in `country` (else the registry's default), or a 400 naming the field. */
  private phoneOrFail(field: string, value: string, country: string | undefined): string {
    const result = normalizePhone(value, country ?? this.env.REGISTRY_DEFAULT_COUNTRY);
    if (result.ok) return result.e164;
    throw new DomainError(ErrorCodes.registryInvalidPhone, `${field}: ${result.reason}`, 400, { fields: [{ field, problems: [result.reason] }] });
  }
}

/** What an audit row keeps of a customer: the API's view (masked by the recorder: name, phone). */
function auditView(record: CustomerRecord) {
  return toCustomerView(record.customer, record.devices);
}
