import { Body, Controller, Header, HttpCode, Post } from '@nestjs/common';
import { AfricasTalkingRequest } from './africastalking.request';
import { UssdService } from './ussd.service';

@Controller('v1/ussd')
export class UssdHttpController {
  constructor(private readonly ussd: UssdService) {}

  @Post('africastalking')
  @HttpCode(200)
  @Header('Content-Type', 'text/plain; charset=utf-8')
  africasTalking(@Body() body: AfricasTalkingRequest): Promise<string> {
    return this.ussd.handleAfricasTalking(body);
  }
}
