import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { SOCIAL_CATEGORIES, SocialCategory } from '../domain/rwanda-household';

export const HOUSEHOLD_STATUSES = ['eligible', 'subsidised', 'ongoing_sale', 'repossession'] as const;
export type HouseholdStatusFilter = (typeof HOUSEHOLD_STATUSES)[number];

/** `GET /sandbox/rwanda/households?status=&category=&limit=&offset=` */
export class ListHouseholdsQuery {
  @IsOptional() @IsIn(HOUSEHOLD_STATUSES as unknown as string[])
  status?: HouseholdStatusFilter;

  @IsOptional() @IsIn(SOCIAL_CATEGORIES as unknown as string[])
  category?: SocialCategory;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number;
}
