import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { FAULT_TARGETS } from '../../faults/domain/fault-book';
import { ApiPropertyOptional } from '@nestjs/swagger';

/** `GET /sandbox/requests?target=&method=&path=&externalId=&after=` */
export class ListRequestsQuery {
  @ApiPropertyOptional({ enum: [...FAULT_TARGETS] })
  @IsOptional() @IsIn(FAULT_TARGETS as unknown as string[])
  target?: string;

  @ApiPropertyOptional({ enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'get', 'post', 'put', 'patch', 'delete'] })
  @IsOptional() @IsIn(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'get', 'post', 'put', 'patch', 'delete'])
  method?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500)
  path?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  externalId?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  after?: number;
}
