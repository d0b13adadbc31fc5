import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { parseSiteApis } from '../drivers/domain/driver-choice';

/** An http(s) URL without a trailing slash, so paths can be appended as they are. */
export const BASE_URL = /^https?:\/\/[^\s/?#]+(\/[^\s?#]*[^\s/?#])?$/;

/** SPARKMETER_SITE_APIS must parse (see parseSiteApis); the message names the bad entry. */
export function IsSiteApiList(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isSiteApiList',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && siteApiProblem(value) === null,
        defaultMessage: (args: ValidationArguments) => `${args.property}: ${siteApiProblem(String(args.value)) ?? 'must be a string'}`,
      },
    });
}

function siteApiProblem(value: string): string | null {
  try {
    parseSiteApis(value);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** The value must be >= the value of another numeric property (e.g. a cap >= its base). */
export function IsNotLessThan(otherProperty: string, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isNotLessThan',
      target: object.constructor,
      propertyName,
      constraints: [otherProperty],
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const other = (args.object as Record<string, unknown>)[otherProperty];
          return typeof value === 'number' && typeof other === 'number' && value >= other;
        },
        defaultMessage: (args: ValidationArguments) => `${args.property} must not be less than ${otherProperty}`,
      },
    });
}

/**
 * The sandbox's well-known credentials are only acceptable while the vendor URL points at this machine
 * (the sandbox): pointing at a real vendor with them is a configuration mistake that must stop the start.
 */
export function IsRealCredentialOffLoopback(urlProperty: string, sandboxValue: string, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isRealCredentialOffLoopback',
      target: object.constructor,
      propertyName,
      constraints: [urlProperty, sandboxValue],
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          if (typeof value !== 'string' || value.trim() === '') return false;
          return value !== sandboxValue || isLoopbackUrl(String((args.object as Record<string, unknown>)[urlProperty]));
        },
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} must be set to a real credential when ${urlProperty} is not a local (sandbox) URL`,
      },
    });
}

function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
  } catch {
    return false;
  }
}
