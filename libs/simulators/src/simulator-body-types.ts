import { BodyTypeRule, FORM_MEDIA_TYPE, JSON_MEDIA_TYPE } from '@limye/platform';

/**
 * The simulated vendors' routes that take form bodies, as the real ones do; every other sandbox route
 * (the vendors' JSON APIs, the control API) takes JSON only, like any Limye service.
 */
export const SANDBOX_BODY_TYPES: BodyTypeRule[] = [
  // MonCash's token endpoint (Spring OAuth): `grant_type=client_credentials` as a form.
  { path: '/Api/oauth', accepts: [FORM_MEDIA_TYPE, JSON_MEDIA_TYPE] },
  // The payer's browser posts the checkout page's Pay form.
  { path: '/Moncash-middleware', accepts: [FORM_MEDIA_TYPE, JSON_MEDIA_TYPE] },
  // ThunderCloud v0 takes its transaction as JSON or as the form some integrations send.
  { path: '/api/v0', accepts: [JSON_MEDIA_TYPE, FORM_MEDIA_TYPE] },
];
