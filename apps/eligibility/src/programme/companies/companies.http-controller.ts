import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ACCESS, Caller, Principal, RequireRoles } from '@limye/platform';
import { CompanyIdParams, IdParams } from '../admin/admin.params';
import { CompaniesService } from './companies.service';
import { CreateCompanyRequest, CreateProductRequest, UpdateCompanyRequest, UpdateProductRequest } from './company.requests';
import { CompanyView, ProductAdminView, toCompanyView, toProductAdminView } from './company.views';

/** Companies and products of the caller's organisation; another organisation's id is a 404. */
@Controller('v1')
export class CompaniesHttpController {
  constructor(private readonly companies: CompaniesService) {}

  @Post('companies')
  @RequireRoles(...ACCESS.programmeManage)
  async createCompany(@Caller() caller: Principal, @Body() body: CreateCompanyRequest): Promise<CompanyView> {
    return toCompanyView(await this.companies.createCompany(caller.organisationId, body));
  }

  @Get('companies')
  @RequireRoles(...ACCESS.programmeRead)
  async listCompanies(@Caller() caller: Principal): Promise<{ items: CompanyView[] }> {
    return { items: (await this.companies.listCompanies(caller.organisationId)).map(toCompanyView) };
  }

  @Get('companies/:id')
  @RequireRoles(...ACCESS.programmeRead)
  async getCompany(@Caller() caller: Principal, @Param() params: IdParams): Promise<CompanyView> {
    return toCompanyView(await this.companies.getCompany(caller.organisationId, params.id));
  }

  @Patch('companies/:id')
  @RequireRoles(...ACCESS.programmeManage)
  async updateCompany(@Caller() caller: Principal, @Param() params: IdParams, @Body() body: UpdateCompanyRequest): Promise<CompanyView> {
    return toCompanyView(await this.companies.updateCompany(caller.organisationId, params.id, body));
  }

  @Post('companies/:companyId/products')
  @RequireRoles(...ACCESS.programmeManage)
  async createProduct(@Caller() caller: Principal, @Param() params: CompanyIdParams, @Body() body: CreateProductRequest): Promise<ProductAdminView> {
    return toProductAdminView(await this.companies.createProduct(caller.organisationId, params.companyId, body));
  }

  @Get('companies/:companyId/products')
  @RequireRoles(...ACCESS.programmeRead)
  async listProducts(@Caller() caller: Principal, @Param() params: CompanyIdParams): Promise<{ items: ProductAdminView[] }> {
    return { items: (await this.companies.listCompanyProducts(caller.organisationId, params.companyId)).map(toProductAdminView) };
  }

  @Patch('products/:id')
  @RequireRoles(...ACCESS.programmeManage)
  async updateProduct(@Caller() caller: Principal, @Param() params: IdParams, @Body() body: UpdateProductRequest): Promise<ProductAdminView> {
    return toProductAdminView(await this.companies.updateProduct(caller.organisationId, params.id, body));
  }
}
