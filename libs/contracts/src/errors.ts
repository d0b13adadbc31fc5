/**
 * Stable error codes. They cross NATS as `{code, message}` and HTTP as `{statusCode, code, message}`.
 * A code names what went wrong for the caller; the message says it in words.
 */
export const ErrorCodes = {
  validationFailed: 'VALIDATION_FAILED',
  malformedJson: 'MALFORMED_JSON',
  payloadTooLarge: 'PAYLOAD_TOO_LARGE',
  /** A body nesting objects/arrays deeper than the platform's limit (32 levels). */
  jsonTooDeep: 'JSON_TOO_DEEP',
  /** A POST/PUT/PATCH body of a type the route does not take (most take only application/json). */
  unsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  /** A method the route does not take (the MonCash callbacks: GET and POST); the `Allow` header lists them. */
  methodNotAllowed: 'METHOD_NOT_ALLOWED',
  notFound: 'NOT_FOUND',
  conflict: 'CONFLICT',
  /** No bearer token, or one that is not valid (expired, forged, wrong issuer or audience): a 401. */
  unauthorized: 'UNAUTHORIZED',
  /** The issuer's keys (JWKS) cannot be fetched, so no token can be checked now: a 503 with Retry-After. */
  authUnavailable: 'AUTH_UNAVAILABLE',
  /** The caller is known but may not do this (the message says what it lacks). */
  forbidden: 'FORBIDDEN',
  /** Too many requests from one address or for one account (a public endpoint's rate limit); Retry-After says when. */
  rateLimited: 'RATE_LIMITED',
  internal: 'INTERNAL',
  timeout: 'TIMEOUT',
  unavailable: 'UNAVAILABLE',
  /** The service has no LIMYE_SECRETS_KEY, so an organisation's stored secrets cannot be sealed or opened. */
  secretsKeyMissing: 'SETTINGS.SECRETS_KEY_MISSING',
  /** An organisation uses an outside system it has not configured (PUT /v1/organisations/:id/integrations/:system). */
  integrationNotConfigured: 'SETTINGS.INTEGRATION_NOT_CONFIGURED',
  // customer-registry
  registryCustomerNotFound: 'REGISTRY.CUSTOMER_NOT_FOUND',
  registryAccountNumberTaken: 'REGISTRY.ACCOUNT_NUMBER_TAKEN',
  registryDeviceSerialTaken: 'REGISTRY.DEVICE_SERIAL_TAKEN',
  registryVendorAccountTaken: 'REGISTRY.VENDOR_ACCOUNT_TAKEN',
  registryInvalidPhone: 'REGISTRY.INVALID_PHONE',
  registrySiteNotFound: 'REGISTRY.SITE_NOT_FOUND',
  // customer-registry: the built-in issuer (docs/access.md, "The built-in issuer")
  /** Wrong e-mail or password (the same answer whether or not the e-mail is known). */
  issuerInvalidCredentials: 'ISSUER.INVALID_CREDENTIALS',
  /** Too many wrong passwords for this e-mail: Retry-After says when to try again. */
  issuerSignInLocked: 'ISSUER.SIGN_IN_LOCKED',
  issuerUserDisabled: 'ISSUER.USER_DISABLED',
  /** The user belongs to no organisation, or not to the one asked for. */
  issuerNoMembership: 'ISSUER.NO_MEMBERSHIP',
  issuerInvalidApiKey: 'ISSUER.INVALID_API_KEY',
  issuerApiKeyRevoked: 'ISSUER.API_KEY_REVOKED',
  issuerApiKeyExpired: 'ISSUER.API_KEY_EXPIRED',
  issuerUnsupportedGrantType: 'ISSUER.UNSUPPORTED_GRANT_TYPE',
  issuerUserNotFound: 'ISSUER.USER_NOT_FOUND',
  issuerEmailTaken: 'ISSUER.EMAIL_TAKEN',
  issuerApiKeyNotFound: 'ISSUER.API_KEY_NOT_FOUND',
  issuerOrganisationNotFound: 'ISSUER.ORGANISATION_NOT_FOUND',
  /** The current password given to change it is wrong. */
  issuerWrongPassword: 'ISSUER.WRONG_PASSWORD',
  // debt-ledger
  ledgerUnbalanced: 'LEDGER.UNBALANCED_POSTING',
  ledgerConflict: 'LEDGER.IDEMPOTENCY_CONFLICT',
  ledgerNotAllocated: 'LEDGER.PAYMENT_NOT_ALLOCATED',
  // meter-adapter
  meterUnsupportedDevice: 'METER.UNSUPPORTED_DEVICE',
  meterDeliveryConflict: 'METER.DELIVERY_CONFLICT',
  // payment-intake
  intakePaymentNotFound: 'INTAKE.PAYMENT_NOT_FOUND',
  intakeAccountNotFound: 'INTAKE.ACCOUNT_NOT_FOUND',
  intakeProviderUnavailable: 'INTAKE.PROVIDER_UNAVAILABLE',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** The shape of an error that crosses NATS. */
export interface RpcErrorBody {
  code: string;
  message: string;
}

/** A business error with a stable code and the HTTP status it maps to. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus: number = 400,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
