import { Body, Controller, Get, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { AdminApiKeyGuard } from '../admin/admin-api-key.guard';
import { CompanyIdParams, IdParams } from '../admin/admin.params';
import { CompaniesService } from './companies.service';
import { CreateCompanyRequest, CreateProductRequest, UpdateCompanyRequest, UpdateProductRequest } from './company.requests';
import { CompanyView, ProductAdminView, toCompanyView, toProductAdminView } from './company.views';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, ApiItemsResponse } from '@limye/platform';
import { CompanyResponse, ProductResponse } from '../programme.responses';

@Controller('v1')
@UseGuards(AdminApiKeyGuard)
export class CompaniesHttpController {
  constructor(private readonly companies: CompaniesService) {}

  @ApiOperation({ summary: 'Add a company to the programme' })
  @ApiCreatedResponse({ type: CompanyResponse })
  @ApiErrors({ 409: 'ELIGIBILITY.COMPANY_CODE_TAKEN: a company with this code exists.' })
  @Post('companies')
  async createCompany(@Body() body: CreateCompanyRequest): Promise<CompanyView> {
    return toCompanyView(await this.companies.createCompany(body));
  }

  @ApiOperation({ summary: 'List companies' })
  @ApiItemsResponse(CompanyResponse, 'Every company.')
  @Get('companies')
  async listCompanies(): Promise<{ items: CompanyView[] }> {
    return { items: (await this.companies.listCompanies()).map(toCompanyView) };
  }

  @ApiOperation({ summary: 'Read a company' })
  @ApiOkResponse({ type: CompanyResponse })
  @ApiErrors({ 404: 'ELIGIBILITY.COMPANY_NOT_FOUND: no company with this id.' })
  @Get('companies/:id')
  async getCompany(@Param() params: IdParams): Promise<CompanyView> {
    return toCompanyView(await this.companies.getCompany(params.id));
  }

  @ApiOperation({ summary: 'Rename, activate or deactivate a company' })
  @ApiOkResponse({ type: CompanyResponse })
  @ApiErrors({ 404: 'ELIGIBILITY.COMPANY_NOT_FOUND: no company with this id.' })
  @Patch('companies/:id')
  async updateCompany(@Param() params: IdParams, @Body() body: UpdateCompanyRequest): Promise<CompanyView> {
    return toCompanyView(await this.companies.updateCompany(params.id, body));
  }

  @ApiOperation({ summary: 'Add a product to a company' })
  @ApiCreatedResponse({ type: ProductResponse })
  @ApiErrors({ 404: 'ELIGIBILITY.COMPANY_NOT_FOUND: no company with this id.', 409: 'ELIGIBILITY.PRODUCT_CODE_TAKEN: the company already has a product with this code.' })
  @Post('companies/:companyId/products')
  async createProduct(@Param() params: CompanyIdParams, @Body() body: CreateProductRequest): Promise<ProductAdminView> {
    return toProductAdminView(await this.companies.createProduct(params.companyId, body));
  }

  @ApiOperation({ summary: 'List a company\'s products' })
  @ApiItemsResponse(ProductResponse, 'The company\'s products.')
  @ApiErrors({ 404: 'ELIGIBILITY.COMPANY_NOT_FOUND: no company with this id.' })
  @Get('companies/:companyId/products')
  async listProducts(@Param() params: CompanyIdParams): Promise<{ items: ProductAdminView[] }> {
    return { items: (await this.companies.listCompanyProducts(params.companyId)).map(toProductAdminView) };
  }

  @ApiOperation({ summary: 'Change a product' })
  @ApiOkResponse({ type: ProductResponse })
  @ApiErrors({ 404: 'ELIGIBILITY.PRODUCT_NOT_FOUND: no product with this id.' })
  @Patch('products/:id')
  async updateProduct(@Param() params: IdParams, @Body() body: UpdateProductRequest): Promise<ProductAdminView> {
    return toProductAdminView(await this.companies.updateProduct(params.id, body));
  }
}
