import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ACCESS, Caller, Principal, RequireRoles } from '@limye/platform';
import { CompanyIdParams, IdParams } from '../admin/admin.params';
import { CompaniesService } from './companies.service';
import { CreateCompanyRequest, CreateProductRequest, UpdateCompanyRequest, UpdateProductRequest } from './company.requests';
import { CompanyView, ProductAdminView, toCompanyView, toProductAdminView } from './company.views';

@Controller('v1')
export class CompaniesHttpController {
  constructor(private readonly companies: CompaniesService) {}

  @Post('companies')
  @RequireRoles(...ACCESS.programmeManage)
  async createCompany(@Body() body: CreateCompanyRequest, @Caller() caller?: Principal): Promise<CompanyView> {
    return toCompanyView(await this.companies.createCompany(body, caller));
  }

  @Get('companies')
  @RequireRoles(...ACCESS.programmeRead)
  async listCompanies(): Promise<{ items: CompanyView[] }> {
    return { items: (await this.companies.listCompanies()).map(toCompanyView) };
  }

  @Get('companies/:id')
  @RequireRoles(...ACCESS.programmeRead)
  async getCompany(@Param() params: IdParams): Promise<CompanyView> {
    return toCompanyView(await this.companies.getCompany(params.id));
  }

  @Patch('companies/:id')
  @RequireRoles(...ACCESS.programmeManage)
  async updateCompany(@Param() params: IdParams, @Body() body: UpdateCompanyRequest, @Caller() caller?: Principal): Promise<CompanyView> {
    return toCompanyView(await this.companies.updateCompany(params.id, body, caller));
  }

  @Post('companies/:companyId/products')
  @RequireRoles(...ACCESS.programmeManage)
  async createProduct(@Param() params: CompanyIdParams, @Body() body: CreateProductRequest, @Caller() caller?: Principal): Promise<ProductAdminView> {
    return toProductAdminView(await this.companies.createProduct(params.companyId, body, caller));
  }

  @Get('companies/:companyId/products')
  @RequireRoles(...ACCESS.programmeRead)
  async listProducts(@Param() params: CompanyIdParams): Promise<{ items: ProductAdminView[] }> {
    return { items: (await this.companies.listCompanyProducts(params.companyId)).map(toProductAdminView) };
  }

  @Patch('products/:id')
  @RequireRoles(...ACCESS.programmeManage)
  async updateProduct(@Param() params: IdParams, @Body() body: UpdateProductRequest, @Caller() caller?: Principal): Promise<ProductAdminView> {
    return toProductAdminView(await this.companies.updateProduct(params.id, body, caller));
  }
}
