import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { DELIVERY_STATUSES, DeliveryStatus } from '@limye/contracts';

export class ListDeliveriesQuery {
  @IsOptional() @IsUUID()
  paymentId?: string;

  @IsOptional() @IsIn(DELIVERY_STATUSES as unknown as string[])
  status?: DeliveryStatus;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;
}
