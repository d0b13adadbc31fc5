import { BodyTypeRule, FORM_MEDIA_TYPE, JSON_MEDIA_TYPE } from '@limye/platform';

/** MonCash routes that take form bodies, as the real ones do (every other route takes JSON only). */
export const MONCASH_BODY_TYPES: BodyTypeRule[] = [
  // MonCash's token endpoint (Spring OAuth): `grant_type=client_credentials` as a form.
  { path: '/Api/oauth', accepts: [FORM_MEDIA_TYPE, JSON_MEDIA_TYPE] },
  // The payer's browser posts the checkout page's Pay form.
  { path: '/Moncash-middleware', accepts: [FORM_MEDIA_TYPE, JSON_MEDIA_TYPE] },
];
