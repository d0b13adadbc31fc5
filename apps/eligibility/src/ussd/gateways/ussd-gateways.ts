import { africasTalkingGateway } from './africastalking.gateway';
import { arkeselGateway } from './arkesel.gateway';
import { UssdGatewayAdapter } from './ussd-gateway';

/** Every gateway served at POST /v1/ussd/<name>. Add an adapter here to serve another. */
export const USSD_GATEWAYS: readonly UssdGatewayAdapter[] = [africasTalkingGateway, arkeselGateway];
