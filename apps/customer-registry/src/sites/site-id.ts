/** Site ids are slugs chosen by the operator: "haiti-north", "kigali-3". */
export const SITE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SITE_ID_MESSAGE = 'must be a lower-case slug such as "haiti-north"';
