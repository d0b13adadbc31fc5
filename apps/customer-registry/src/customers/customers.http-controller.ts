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
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, ApiItemsResponse } from '@limye/platform';
import { CustomerResponse } from './customer.responses';

/** Every route serves its caller's organisation only: another organisation's customer is a 404. */
@Controller('v1/customers')
export class CustomersHttpController {
  constructor(private readonly customers: CustomersService) {}

  @ApiOperation({ summary: 'Register a customer with their devices' })
  @ApiCreatedResponse({ type: CustomerResponse, description: 'Registered.' })
  @ApiErrors({ 400: 'VALIDATION_FAILED (`fields` names the field), MALFORMED_JSON, JSON_TOO_DEEP; REGISTRY.INVALID_PHONE: the phone is not a valid number for the site\'s country.', 409: 'REGISTRY.ACCOUNT_NUMBER_TAKEN, REGISTRY.DEVICE_SERIAL_TAKEN (also a serial listed twice), REGISTRY.VENDOR_ACCOUNT_TAKEN (another device of the site has it).', 422: 'REGISTRY.SITE_NOT_FOUND: siteId names no site.' })
  @Post()
  @RequireRoles(...ACCESS.registryRegister)
  async register(@Caller() caller: Principal | undefined, @Body() body: RegisterCustomerRequest): Promise<CustomerView> {
    const { customer, devices } = await this.customers.register(callerOrganisation(caller), body, caller);
    return toCustomerView(customer, devices);
  }

  @ApiOperation({ summary: 'Find customers: every filter given must match (identifiers and phones normalised first)' })
  @ApiItemsResponse(CustomerResponse, 'Matching customers, at most limit.')
  @Get()
  @RequireRoles(...ACCESS.registryRead)
  async find(@Caller() caller: Principal | undefined, @Query() query: FindCustomersQuery): Promise<{ items: CustomerView[] }> {
    const records = await this.customers.find(callerOrganisation(caller), query);
    return { items: records.map((r) => toCustomerView(r.customer, r.devices)) };
  }

  @ApiOperation({ summary: 'Read a customer with their devices' })
  @ApiOkResponse({ type: CustomerResponse })
  @ApiErrors({ 404: 'REGISTRY.CUSTOMER_NOT_FOUND: no customer with this id.' })
  @Get(':id')
  @RequireRoles(...ACCESS.registryRead)
  async get(@Caller() caller: Principal | undefined, @Param() params: CustomerParams): Promise<CustomerView> {
    const { customer, devices } = await this.customers.get(callerOrganisation(caller), params.id);
    return toCustomerView(customer, devices);
  }

  @ApiOperation({ summary: 'Correct a customer\'s name or phone (e.g. before retrying an UNMATCHED payment)' })
  @ApiOkResponse({ type: CustomerResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED (`fields` names the field; null is refused), MALFORMED_JSON, JSON_TOO_DEEP; REGISTRY.INVALID_PHONE.', 404: 'REGISTRY.CUSTOMER_NOT_FOUND: no customer with this id.' })
  @Patch(':id')
  @RequireRoles(...ACCESS.registryRegister)
  async update(@Caller() caller: Principal | undefined, @Param() params: CustomerParams, @Body() body: UpdateCustomerRequest): Promise<CustomerView> {
    const { customer, devices } = await this.customers.update(callerOrganisation(caller), params.id, body, caller);
    return toCustomerView(customer, devices);
  }

  @ApiOperation({ summary: 'Set or clear a device\'s vendor account (SparkMeter customer code)' })
  @ApiOkResponse({ type: CustomerResponse, description: 'The customer with all their devices.' })
  @ApiErrors({ 404: 'REGISTRY.CUSTOMER_NOT_FOUND, or NOT_FOUND: the customer has no such device.', 409: 'REGISTRY.VENDOR_ACCOUNT_TAKEN: another device of the site has this vendor account.' })
  @Patch(':id/devices/:deviceId')
  @RequireRoles(...ACCESS.registryRegister)
  async updateDevice(@Caller() caller: Principal | undefined, @Param() params: DeviceParams, @Body() body: UpdateDeviceRequest): Promise<CustomerView> {
    const { customer, devices } = await this.customers.updateDevice(callerOrganisation(caller), params.id, params.deviceId, body, caller);
    return toCustomerView(customer, devices);
  }
}
