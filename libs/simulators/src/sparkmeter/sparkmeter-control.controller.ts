import { Body, Controller, Get, NotFoundException, Param, Post, Put } from '@nestjs/common';
import { UpdateSparkmeterConfigDto } from './dto/update-sparkmeter-config.dto';
import { UpsertCustomerDto } from './dto/upsert-customer.dto';
import { CustomerView, SparkmeterSettings, SparkmeterStore } from './sparkmeter.store';

/** Control API: seed and inspect SparkMeter customers, tune ThunderCloud's settlement. */
@Controller('sandbox/sparkmeter')
export class SparkmeterControlController {
  constructor(private readonly store: SparkmeterStore) {}

  @Post('customers')
  upsert(@Body() dto: UpsertCustomerDto): CustomerView {
    return this.store.upsertCustomer(dto);
  }

  @Get('customers')
  list(): { customers: CustomerView[] } {
    return { customers: this.store.allCustomers() };
  }

  @Get('customers/:code')
  one(@Param('code') code: string): CustomerView {
    const found = this.store.customer(code);
    if (!found) throw new NotFoundException(`no SparkMeter customer with code ${code}`);
    return found;
  }

  @Get('config')
  current(): SparkmeterSettings {
    return this.store.current();
  }

  @Put('config')
  update(@Body() dto: UpdateSparkmeterConfigDto): SparkmeterSettings {
    return this.store.update(dto);
  }
}
