import { UssdSessions1763920000001 } from '../database/migrations/1763920000001-ussd-sessions';
import { UssdSessionLastInput1763940000001 } from '../database/migrations/1763940000001-ussd-session-last-input';
import { UssdPhoneLanguage } from './ussd-phone-language.entity';
import { UssdRequest } from './ussd-request.entity';
import { UssdSession } from './ussd-session.entity';

/** Entities and migrations of the USSD layer (sessions, language preferences, request log). */
export const USSD_ENTITIES: Function[] = [UssdRequest, UssdSession, UssdPhoneLanguage];
export const USSD_MIGRATIONS: Function[] = [UssdSessions1763920000001, UssdSessionLastInput1763940000001];
