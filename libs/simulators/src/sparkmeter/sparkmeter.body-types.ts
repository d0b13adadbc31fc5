import { BodyTypeRule, FORM_MEDIA_TYPE, JSON_MEDIA_TYPE } from '@limye/platform';

/** SparkMeter routes that take form bodies besides JSON (Koios takes JSON only). */
export const SPARKMETER_BODY_TYPES: BodyTypeRule[] = [
  // ThunderCloud v0 takes its transaction as JSON or as the form some integrations send.
  { path: '/api/v0', accepts: [JSON_MEDIA_TYPE, FORM_MEDIA_TYPE] },
];
