import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class OmisLocationDto {
  @IsString() @IsNotEmpty() @MaxLength(100)
  province: string;

  @IsString() @IsNotEmpty() @MaxLength(100)
  district: string;

  @IsString() @IsNotEmpty() @MaxLength(100)
  sector: string;

  @IsString() @IsNotEmpty() @MaxLength(100)
  cell: string;

  @IsString() @IsNotEmpty() @MaxLength(100)
  village: string;
}
