import { IsString, MaxLength, ValidateBy } from 'class-validator';

/** C0 and C1 control characters and DEL: no keyboard types them into a code; they are noise or an attack. */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
/** Something visible: not only spaces, zero-width and other format characters (U+200B, U+FEFF, U+2060…). */
const VISIBLE = /[^\s\p{Cf}]/u;

/** A check of its own name, so that its message is not overwritten by another @Matches on the property. */
function check(name: string, ok: (value: string) => boolean, message: string): PropertyDecorator {
  return ValidateBy({ name, validator: { validate: (value: unknown) => typeof value !== 'string' || ok(value), defaultMessage: () => message } });
}

/** A code that identifies a device or an account at a vendor: a string of at most 64 characters, none a control character. */
export function IsDeviceCode(field: string): PropertyDecorator {
  return (target, property) => {
    IsString()(target, property);
    MaxLength(64)(target, property);
    check('noControlCharacters', (v) => !CONTROL_CHARACTER.test(v), `${field} must not contain control characters`)(target, property);
  };
}

/**
 * The vendor's own account code of a device (a SparkMeter code such as "0252SHG"), the same rule when a
 * device is registered and when it is changed: a device whose code is blank cannot be credited.
 */
export function IsVendorAccountRef(): PropertyDecorator {
  return (target, property) => {
    IsDeviceCode('vendorAccountRef')(target, property);
    check('notBlank', (v) => VISIBLE.test(v), 'vendorAccountRef must not be blank')(target, property);
  };
}
