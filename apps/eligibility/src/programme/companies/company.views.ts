import { Company } from './company.entity';
import { Product } from './product.entity';

export interface CompanyView {
  id: string;
  code: string;
  name: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ProductAdminView {
  id: string;
  companyId: string;
  code: string;
  name: string;
  priceRwf: number;
  incentiveCapRwf: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export function toCompanyView(c: Company): CompanyView {
  return { id: c.id, code: c.code, name: c.name, active: c.active, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() };
}

export function toProductAdminView(p: Product): ProductAdminView {
  return {
    id: p.id,
    companyId: p.companyId,
    code: p.code,
    name: p.name,
    priceRwf: p.priceRwf,
    incentiveCapRwf: p.incentiveCapRwf,
    active: p.active,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
