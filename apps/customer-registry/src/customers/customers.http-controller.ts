import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ACCESS, Caller, callerOrganisation, Principal, RequireRoles } from '@limye/platform';
import { CustomerParams } from './customer.params';
import { CustomerView, toCustomerView } from './customer.view';
import { CustomersService } from './customers.service';
import { FindCustomersQuery } from './find-customers.query';
import { DeviceParams } from './device.params';
import { RegisterCustomerRequest } from './register-customer.request';
import { UpdateCustomerRequest } from './update-customer.request';
import { UpdateDeviceRequest } from './update-device.request';

/** Every route serves its caller's organisation only: another organisation's customer is a 404. */
@Controller('v1/customers')
export class CustomersHttpController {
  constructor(private readonly customers: CustomersService) {}

  @Post()
  @RequireRoles(...ACCESS.registryRegister)
  async register(@Caller() caller: Principal | undefined, @Body() body: RegisterCustomerRequest): Promise<CustomerView> {
    const { customer, devices } = await this.customers.register(callerOrganisation(caller), body);
    return toCustomerView(customer, devices);
  }

  @Get()
  @RequireRoles(...ACCESS.registryRead)
  async find(@Caller() caller: Principal | undefined, @Query() query: FindCustomersQuery): Promise<{ items: CustomerView[] }> {
    const records = await this.customers.find(callerOrganisation(caller), query);
    return { items: records.map((r) => toCustomerView(r.customer, r.devices)) };
  }

  @Get(':id')
  @RequireRoles(...ACCESS.registryRead)
  async get(@Caller() caller: Principal | undefined, @Param() params: CustomerParams): Promise<CustomerView> {
    const { customer, devices } = await this.customers.get(callerOrganisation(caller), params.id);
    return toCustomerView(customer, devices);
  }

  @Patch(':id')
  @RequireRoles(...ACCESS.registryRegister)
  async update(@Caller() caller: Principal | undefined, @Param() params: CustomerParams, @Body() body: UpdateCustomerRequest): Promise<CustomerView> {
    const { customer, devices } = await this.customers.update(callerOrganisation(caller), params.id, body);
    return toCustomerView(customer, devices);
  }

  @Patch(':id/devices/:deviceId')
  @RequireRoles(...ACCESS.registryRegister)
  async updateDevice(@Caller() caller: Principal | undefined, @Param() params: DeviceParams, @Body() body: UpdateDeviceRequest): Promise<CustomerView> {
    const { customer, devices } = await this.customers.updateDevice(callerOrganisation(caller), params.id, params.deviceId, body);
    return toCustomerView(customer, devices);
  }
}
