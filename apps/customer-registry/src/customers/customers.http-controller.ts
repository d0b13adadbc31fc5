import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CustomerParams } from './customer.params';
import { CustomerView, toCustomerView } from './customer.view';
import { CustomersService } from './customers.service';
import { FindCustomersQuery } from './find-customers.query';
import { RegisterCustomerRequest } from './register-customer.request';

@Controller('v1/customers')
export class CustomersHttpController {
  constructor(private readonly customers: CustomersService) {}

  @Post()
  async register(@Body() body: RegisterCustomerRequest): Promise<CustomerView> {
    const { customer, devices } = await this.customers.register(body);
    return toCustomerView(customer, devices);
  }

  @Get()
  async find(@Query() query: FindCustomersQuery): Promise<{ items: CustomerView[] }> {
    const records = await this.customers.find(query);
    return { items: records.map((r) => toCustomerView(r.customer, r.devices)) };
  }

  @Get(':id')
  async get(@Param() params: CustomerParams): Promise<CustomerView> {
    const { customer, devices } = await this.customers.get(params.id);
    return toCustomerView(customer, devices);
  }
}
