import { UssdRequest } from './ussd-request.entity';

/** Entities and migrations of the USSD layer (sessions, language preferences, request log). */
export const USSD_ENTITIES: Function[] = [UssdRequest];
export const USSD_MIGRATIONS: Function[] = [];
