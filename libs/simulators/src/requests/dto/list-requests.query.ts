import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { FAULT_TARGETS } from '../../faults/domain/fault-book';

/** `GET /sandbox/requests?target=&method=&path=&externalId=&after=` */
export class ListRequestsQuery {
  @IsOptional() @IsIn(FAULT_TARGETS as unknown as string[])
  target?: string;

  @IsOptional() @IsIn(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'get', 'post', 'put', 'patch', 'delete'])
  method?: string;

  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500)
  path?: string;

  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  externalId?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  after?: number;
}
