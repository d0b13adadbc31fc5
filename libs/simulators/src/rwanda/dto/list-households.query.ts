import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { SOCIAL_CATEGORIES, SocialCategory } from '../domain/rwanda-household';
import { ApiPropertyOptional } from '@nestjs/swagger';

export const HOUSEHOLD_STATUSES = ['eligible', 'subsidised', 'ongoing_sale', 'repossession'] as const;
export type HouseholdStatusFilter = (typeof HOUSEHOLD_STATUSES)[number];

/** `GET /sandbox/rwanda/households?status=&category=&limit=&offset=` */
export class ListHouseholdsQuery {
  @ApiPropertyOptional({ enum: [...HOUSEHOLD_STATUSES] })
  @IsOptional() @IsIn(HOUSEHOLD_STATUSES as unknown as string[])
  status?: HouseholdStatusFilter;

  @ApiPropertyOptional({ enum: [...SOCIAL_CATEGORIES] })
  @IsOptional() @IsIn(SOCIAL_CATEGORIES as unknown as string[])
  category?: SocialCategory;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number;
}
