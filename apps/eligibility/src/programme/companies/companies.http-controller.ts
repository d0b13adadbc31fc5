import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ACCESS, Caller, Principal, RequireRoles } from '@limye/platform';
import { CompanyIdParams, IdParams } from '../admin/admin.params';
import { CompaniesService } from './companies.service';
import { CreateCompanyRequest, CreateProductRequest, UpdateCompanyRequest, UpdateProductRequest } from './company.requests';
import { CompanyView, ProductAdminView, toCompanyView, toProductAdminView } from './company.views';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, ApiItemsResponse } from '@limye/platform';
import { CompanyResponse, ProductResponse } from '../programme.responses';

/** Companies and products of the caller's organisation; another organisation's id is a 404. */
@Controller('v1')
export class CompaniesHttpController {
  constructor(private readonly companies: CompaniesService) {}

  @ApiOperation({ summary: 'Add a company to the programme' })
  @ApiCreatedResponse({ type: CompanyResponse })
  @ApiErrors({ 409: 'ELIGIBILITY.COMPANY_CODE_TAKEN: a company with this code exists.' })
  @Post('companies')
  @RequireRoles(...ACCESS.programmeManage)
  async createCompany(@Caller() caller: Principal, @Body() body: CreateCompanyRequest): Promise<CompanyView> {
    return toCompanyView(await this.companies.createCompany(caller.organisationId, body, caller));
  }

  @ApiOperation({ summary: 'List companies' })
  @ApiItemsResponse(CompanyResponse, 'Every company.')
  @Get('companies')
  @RequireRoles(...ACCESS.programmeRead)
  async listCompanies(@Caller() caller: Principal): Promise<{ items: CompanyView[] }> {
    return { items: (await this.companies.listCompanies(caller.organisationId)).map(toCompanyView) };
  }

  @ApiOperation({ summary: 'Read a company' })
  @ApiOkResponse({ type: CompanyResponse })
  @ApiErrors({ 404: 'ELIGIBILITY.COMPANY_NOT_FOUND: no company with this id.' })
  @Get('companies/:id')
  @RequireRoles(...ACCESS.programmeRead)
  async getCompany(@Caller() caller: Principal, @Param() params: IdParams): Promise<CompanyView> {
    return toCompanyView(await this.companies.getCompany(caller.organisationId, params.id));
  }

  @ApiOperation({ summary: 'Rename, activate or deactivate a company' })
  @ApiOkResponse({ type: CompanyResponse })
  @ApiErrors({ 404: 'ELIGIBILITY.COMPANY_NOT_FOUND: no company with this id.' })
  @Patch('companies/:id')
  @RequireRoles(...ACCESS.programmeManage)
  async updateCompany(@Caller() caller: Principal, @Param() params: IdParams, @Body() body: UpdateCompanyRequest): Promise<CompanyView> {
    return toCompanyView(await this.companies.updateCompany(caller.organisationId, params.id, body, caller));
  }

  @ApiOperation({ summary: 'Add a product to a company' })
  @ApiCreatedResponse({ type: ProductResponse })
  @ApiErrors({ 404: 'ELIGIBILITY.COMPANY_NOT_FOUND: no company with this id.', 409: 'ELIGIBILITY.PRODUCT_CODE_TAKEN: the company already has a product with this code.' })
  @Post('companies/:companyId/products')
  @RequireRoles(...ACCESS.programmeManage)
  async createProduct(@Caller() caller: Principal, @Param() params: CompanyIdParams, @Body() body: CreateProductRequest): Promise<ProductAdminView> {
    return toProductAdminView(await this.companies.createProduct(caller.organisationId, params.companyId, body, caller));
  }

  @ApiOperation({ summary: 'List a company\'s products' })
  @ApiItemsResponse(ProductResponse, 'The company\'s products.')
  @ApiErrors({ 404: 'ELIGIBILITY.COMPANY_NOT_FOUND: no company with this id.' })
  @Get('companies/:companyId/products')
  @RequireRoles(...ACCESS.programmeRead)
  async listProducts(@Caller() caller: Principal, @Param() params: CompanyIdParams): Promise<{ items: ProductAdminView[] }> {
    return { items: (await this.companies.listCompanyProducts(caller.organisationId, params.companyId)).map(toProductAdminView) };
  }

  @ApiOperation({ summary: 'Change a product' })
  @ApiOkResponse({ type: ProductResponse })
  @ApiErrors({ 404: 'ELIGIBILITY.PRODUCT_NOT_FOUND: no product with this id.' })
  @Patch('products/:id')
  @RequireRoles(...ACCESS.programmeManage)
  async updateProduct(@Caller() caller: Principal, @Param() params: IdParams, @Body() body: UpdateProductRequest): Promise<ProductAdminView> {
    return toProductAdminView(await this.companies.updateProduct(caller.organisationId, params.id, body, caller));
  }
}
