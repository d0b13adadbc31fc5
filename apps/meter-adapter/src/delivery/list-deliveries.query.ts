import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { DELIVERY_STATUSES, DeliveryStatus } from '@limye/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';

export class ListDeliveriesQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  paymentId?: string;

  @ApiPropertyOptional({ enum: [...DELIVERY_STATUSES] })
  @IsOptional() @IsIn(DELIVERY_STATUSES as unknown as string[])
  status?: DeliveryStatus;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;
}
