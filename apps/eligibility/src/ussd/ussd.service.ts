import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { africasTalkingReply, WELCOME_MENU_EN } from './domain/welcome-menu';
import { UssdRequest } from './ussd-request.entity';

@Injectable()
export class UssdService {
  constructor(@InjectRepository(UssdRequest) private readonly requests: Repository<UssdRequest>) {}

  /** Skeleton: every hop gets the welcome menu; the hop is logged with the phone masked. */
  async handleAfricasTalking(input: { sessionId: string; serviceCode: string; phoneNumber: string }): Promise<string> {
    await this.requests.insert({
      gateway: 'africastalking',
      sessionId: input.sessionId,
      phone: input.phoneNumber,
      serviceCode: input.serviceCode,
      screen: 'welcome',
      outcome: 'menu',
    });
    return africasTalkingReply(WELCOME_MENU_EN);
  }
}
