import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { PublicRoute } from '@limye/platform';
import type { Response } from 'express';
import { VendorReplyFilter } from '../common/vendor-reply.filter';
import { OmisSale } from './domain/omis-sale-book';
import { NationalSystemAuthGuard } from './national-system-auth.guard';
import { OmisService, OmisStatusJson } from './omis.service';
import { ApiBody } from '@nestjs/swagger';
import { RegisterSaleDto } from './dto/register-sale.dto';
import { ConfirmSaleDto } from './dto/confirm-sale.dto';
import { CancelSaleDto } from './dto/cancel-sale.dto';

/**
 * OMIS as Limye expects it at `OMIS_BASE_URL` = `http://<sandbox>/omis` (docs/national-systems.md).
 * Bodies are taken raw and validated by OmisService against its DTOs, so that a bad one is still counted
 * and answered in OMIS's error format.
 */
@PublicRoute('a simulator of the sandbox: plays an outside system (or its control API) for tests and demos, never deployed with real data')
@Controller('omis/v1')
@UseGuards(NationalSystemAuthGuard((env) => env.OMIS_API_KEY))
@UseFilters(VendorReplyFilter)
export class OmisController {
  constructor(private readonly omis: OmisService) {}

  @Get('households/status')
  status(@Query('nationalId') nationalId: unknown): OmisStatusJson {
    return this.omis.status(nationalId);
  }

  @ApiBody({ type: RegisterSaleDto })
  @Put('sales/:reference')
  register(@Param('reference') reference: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response): OmisSale {
    const { created, sale } = this.omis.register(reference, body);
    res.status(created ? 201 : 200);
    return sale;
  }

  @ApiBody({ type: ConfirmSaleDto })
  @Post('sales/:reference/confirmation')
  @HttpCode(200)
  confirm(@Param('reference') reference: string, @Body() body: unknown): OmisSale {
    return this.omis.confirm(reference, body);
  }

  @ApiBody({ type: CancelSaleDto })
  @Post('sales/:reference/cancellation')
  @HttpCode(200)
  cancel(@Param('reference') reference: string, @Body() body: unknown): OmisSale {
    return this.omis.cancel(reference, body);
  }

  @Get('sales/:reference')
  sale(@Param('reference') reference: string): OmisSale {
    return this.omis.sale(reference);
  }
}
