import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ACCESS, Caller, Principal, RequireRoles } from '@limye/platform';
import { CustomerParams } from './customer.params';
import { CustomerView, toCustomerView } from './customer.view';
import { CustomersService } from './customers.service';
import { FindCustomersQuery } from './find-customers.query';
import { DeviceParams } from './device.params';
import { RegisterCustomerRequest } from './register-customer.request';
import { UpdateCustomerRequest } from './update-customer.request';
import { UpdateDeviceRequest } from './update-device.request';

@Controller('v1/customers')
export class CustomersHttpController {
  constructor(private readonly customers: CustomersService) {}

  @Post()
  @RequireRoles(...ACCESS.registryRegister)
  async register(@Body() body: RegisterCustomerRequest, @Caller() caller?: Principal): Promise<CustomerView> {
    const { customer, devices } = await this.customers.register(body, caller);
    return toCustomerView(customer, devices);
  }

  @Get()
  @RequireRoles(...ACCESS.registryRead)
  async find(@Query() query: FindCustomersQuery): Promise<{ items: CustomerView[] }> {
    const records = await this.customers.find(query);
    return { items: records.map((r) => toCustomerView(r.customer, r.devices)) };
  }

  @Get(':id')
  @RequireRoles(...ACCESS.registryRead)
  async get(@Param() params: CustomerParams): Promise<CustomerView> {
    const { customer, devices } = await this.customers.get(params.id);
    return toCustomerView(customer, devices);
  }

  @Patch(':id')
  @RequireRoles(...ACCESS.registryRegister)
  async update(@Param() params: CustomerParams, @Body() body: UpdateCustomerRequest, @Caller() caller?: Principal): Promise<CustomerView> {
    const { customer, devices } = await this.customers.update(params.id, body, caller);
    return toCustomerView(customer, devices);
  }

  @Patch(':id/devices/:deviceId')
  @RequireRoles(...ACCESS.registryRegister)
  async updateDevice(@Param() params: DeviceParams, @Body() body: UpdateDeviceRequest, @Caller() caller?: Principal): Promise<CustomerView> {
    const { customer, devices } = await this.customers.updateDevice(params.id, params.deviceId, body, caller);
    return toCustomerView(customer, devices);
  }
}
