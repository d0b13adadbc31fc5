import { Controller, HttpCode, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { PublicRoute } from '@limye/platform';
import type { Request, Response } from 'express';
import { RateLimit, RateLimiter, RateLimitPolicy } from '@limye/platform';
import { parseSessionEndEvent } from './gateways/africastalking.gateway';
import { UssdGatewayAdapter } from './gateways/ussd-gateway';
import { USSD_GATEWAYS } from './gateways/ussd-gateways';
import { wireRequestOf } from './ussd-body.reader';
import { UssdHopService } from './ussd-hop.service';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiProduces } from '@nestjs/swagger';

const GATEWAYS = new Map<string, UssdGatewayAdapter>(USSD_GATEWAYS.map((g) => [g.name, g]));

/** Hops per gateway address and per phone (env USSD_RATE_LIMIT_*); the phone is read by the gateway's adapter. */
const USSD_HOP_LIMITS: RateLimitPolicy = {
  name: 'ussd-hop',
  perAddress: { env: 'USSD_RATE_LIMIT_PER_ADDRESS', fallback: '500/s burst 1000' },
  perAccount: { env: 'USSD_RATE_LIMIT_PER_PHONE', fallback: '20/s burst 300', key: () => undefined },
};

/**
 * USSD gateways' callbacks. Always HTTP 200 with a screen in the gateway's format, bad requests included:
 * a gateway shows a 4xx/5xx as a dead session, so the agent would see nothing useful.
 */
@PublicRoute("USSD gateways (Africa's Talking, Arkesel) call it; a session is checked by the agent's PIN")
@Controller('v1/ussd')
export class UssdHttpController {
  constructor(
    private readonly hops: UssdHopService,
    private readonly limiter: RateLimiter,
  ) {}

  /** Africa's Talking's end-of-session notification. */
  @ApiOperation({ summary: 'Africa\'s Talking end-of-session notification' })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ description: 'Africa\'s Talking\'s session-end fields (sessionId, status, …), as it posts them.', schema: { type: 'object', additionalProperties: true } })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'OK', content: { 'text/plain': { schema: { type: 'string', example: 'OK' } } } })
  @Post('africastalking/events')
  @HttpCode(200)
  @RateLimit({ name: 'ussd-events', perAddress: { env: 'USSD_RATE_LIMIT_PER_ADDRESS', fallback: '500/s burst 1000' } })
  async africasTalkingEvents(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    await this.hops.sessionEnded('africastalking', parseSessionEndEvent(wireRequestOf(req)));
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    return 'OK';
  }

  /** One hop from gateway `name` (africastalking, arkesel). */
  @ApiOperation({ summary: 'One USSD hop from a gateway', description: 'Always HTTP 200 with a screen in the gateway\'s own format, bad requests included (a gateway shows a 4xx/5xx as a dead session). An unknown gateway is a 404.' })
  @ApiParam({ name: 'gateway', enum: ['africastalking', 'arkesel'] })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({ description: 'The gateway\'s own request: Africa\'s Talking posts a form (sessionId, serviceCode, phoneNumber, text), Arkesel JSON (sessionID, userID, msisdn, userData, newSession…).', schema: { type: 'object', additionalProperties: true } })
  @ApiProduces('text/plain', 'application/json')
  @ApiOkResponse({ description: 'The next screen: Africa\'s Talking `CON …`/`END …` as text/plain, Arkesel JSON.', content: { 'text/plain': { schema: { type: 'string', example: 'CON Welcome…' } }, 'application/json': { schema: { type: 'object', additionalProperties: true } } } })
  @Post(':gateway')
  @HttpCode(200)
  async hop(@Param('gateway') name: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    const gateway = GATEWAYS.get(name);
    if (!gateway) throw new NotFoundException(`no USSD gateway '${name}'; known: ${[...GATEWAYS.keys()].join(', ')}`);
    const wire = wireRequestOf(req);
    const reply = await this.hops.handle(gateway, wire, (phone) => this.limiter.check(USSD_HOP_LIMITS, req, phone ? `phone:${phone}` : undefined));
    const out = gateway.format(reply, wire);
    res.setHeader('Content-Type', out.contentType);
    return out.body;
  }
}
