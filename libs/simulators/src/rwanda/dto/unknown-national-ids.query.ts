import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `GET /sandbox/rwanda/unknown-national-ids?count=` */
export class UnknownNationalIdsQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  count?: number;
}
