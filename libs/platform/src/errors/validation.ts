import { ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';
import { ErrorCodes } from '@limye/contracts';
import { getMetadataStorage, ValidateIf, ValidationError, ValidationTypes, ValidatorOptions } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/**
 * A 400 names at most this many fields, then says how many more. A 64 kB body can hold thousands of bad
 * fields (6,500 unknown keys); naming them all made the answer 10 to 260 times the body.
 */
export const MAX_REPORTED_FIELDS = 20;
/** A field path or a problem is echoed up to this many characters: a key may be kilobytes long. */
const MAX_ECHOED_CHARS = 200;

/**
 * Flattens nested class-validator errors into `[{field: "devices.0.serial", problems: [...]}]`, the first
 * `max` of them (all by default).
 */
export function flattenValidationErrors(errors: ValidationError[], prefix = '', max = Infinity): FieldProblem[] {
  const out: FieldProblem[] = [];
  collect(errors, prefix, max, out);
  return out;
}

function collect(errors: ValidationError[], prefix: string, max: number, out: FieldProblem[]): void {
  for (const e of errors) {
    if (out.length >= max) return;
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    // Several constraints may carry the same message ("tier must be 1..9" for type, min and max): once.
    if (e.constraints) out.push({ field, problems: [...new Set(Object.values(e.constraints))] });
    if (e.children?.length) collect(e.children, field, max, out);
  }
}

/** How many fields flattenValidationErrors would name, without building them. */
function countFields(errors: ValidationError[]): number {
  let n = 0;
  const pending = [errors];
  while (pending.length > 0) {
    for (const e of pending.pop() as ValidationError[]) {
      if (e.constraints) n++;
      if (e.children?.length) pending.push(e.children);
    }
  }
  return n;
}

function clip(text: string): string {
  return text.length > MAX_ECHOED_CHARS ? `${text.slice(0, MAX_ECHOED_CHARS)}…` : text;
}

/**
 * The 400 of a body or query that fails validation: the bad fields in `fields` and in words in `message`,
 * at most MAX_REPORTED_FIELDS of them (`omittedFields` says how many more there were), each cut to 200
 * characters.
 */
export class RequestValidationError extends BadRequestException {
  readonly fields: FieldProblem[];

  constructor(fields: FieldProblem[], omitted = 0) {
    const shown = fields.slice(0, MAX_REPORTED_FIELDS).map((f) => ({ field: clip(f.field), problems: f.problems.map(clip) }));
    const more = omitted + Math.max(0, fields.length - MAX_REPORTED_FIELDS);
    const words = shown.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; ');
    super({
      code: ErrorCodes.validationFailed,
      message: more > 0 ? `${words}; and ${more} more field${more === 1 ? '' : 's'}` : words,
      fields: shown,
      ...(more > 0 ? { omittedFields: more } : {}),
    });
    this.fields = shown;
  }
}

/** The pipe's 400 for class-validator's errors, bounded (see RequestValidationError). */
export function requestValidationError(errors: ValidationError[]): RequestValidationError {
  const fields = flattenValidationErrors(errors, '', MAX_REPORTED_FIELDS);
  return new RequestValidationError(fields, countFields(errors) - fields.length);
}

/**
 * For PATCH bodies: the field may be left out, but not sent as null (class-validator's IsOptional lets a
 * null through, which would answer 200 and change nothing). Null goes on to the field's own checks, which
 * refuse it with a message naming the field.
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/** A 400 naming one field, for checks the pipe cannot make (cross-field rules, lookups), in the pipe's shape. */
export function fieldError(field: string, problem: string): RequestValidationError {
  return new RequestValidationError([{ field, problems: [problem] }]);
}

/** The @ArrayMaxSize and @ValidateNested rules of a class, read once per class. */
interface SizeRules {
  maxSizes: ValidationMetadata[];
  nested: string[];
}
const sizeRulesOf = new Map<Function, SizeRules>();

function sizeRules(target: Function): SizeRules {
  let rules = sizeRulesOf.get(target);
  if (!rules) {
    const metadatas = getMetadataStorage().getTargetValidationMetadatas(target, '', false, false);
    rules = {
      maxSizes: metadatas.filter((m) => m.name === 'arrayMaxSize'),
      nested: [...new Set(metadatas.filter((m) => m.type === ValidationTypes.NESTED_VALIDATION).map((m) => m.propertyName))],
    };
    sizeRulesOf.set(target, rules);
  }
  return rules;
}

/** The error @ArrayMaxSize itself would give, with the DTO's own message if it has one. */
function tooLong(target: Function, object: object, rule: ValidationMetadata, value: unknown[]): ValidationError {
  const max = rule.constraints[0] as number;
  const property = rule.propertyName;
  const given = typeof rule.message === 'function'
    ? rule.message({ value, constraints: rule.constraints, targetName: target.name, object, property })
    : rule.message;
  const message = given === undefined
    ? `${property} must contain no more than ${max} elements`
    : given.replace(/\$property/g, property).replace(/\$constraint1/g, String(max));
  return Object.assign(new ValidationError(), { property, constraints: { arrayMaxSize: message }, children: [] });
}

/**
 * The arrays of `values` longer than the @ArrayMaxSize of their property in `target`, and the elements of a
 * @ValidateNested array that are arrays themselves, as class-validator's errors. class-validator would
 * validate an array inside such an array element by element, past any size limit (`devices: [[{} × 21,000]]`
 * cost 0.9 s of CPU), and hand the service an array where it expects an object (`[[]]` was a 500).
 */
function tooLongArrays(target: Function, values: Record<string, unknown>, path: string[]): ValidationError[] {
  const found: ValidationError[] = [];
  for (const rule of sizeRules(target).maxSizes) {
    const value = values[rule.propertyName];
    if (Array.isArray(value) && value.length > (rule.constraints[0] as number)) found.push(nestedError(path, tooLong(target, values, rule, value)));
  }
  if (found.length > 0) return found;
  for (const property of sizeRules(target).nested) {
    const value = values[property];
    if (!Array.isArray(value)) continue;
    const i = value.findIndex((element) => Array.isArray(element));
    if (i < 0) continue;
    const notAnObject = Object.assign(new ValidationError(), {
      property: String(i),
      constraints: { nestedValidation: `each value in ${property} must be an object, not an array (${property}[${i}])` },
      children: [],
    });
    found.push(nestedError([...path, property], notAnObject));
  }
  return found;
}

/**
 * The arrays of a transformed body longer than their @ArrayMaxSize, at any depth (within arrays that are
 * not), as class-validator's errors. class-validator validates every element of a @ValidateNested array
 * even when the array is already too long: 21,000 empty devices in a 63 kB body were 84,000 errors.
 */
export function oversizedArrays(entity: object): ValidationError[] {
  const found: ValidationError[] = [];
  const pending: Array<{ object: object; path: string[] }> = [{ object: entity, path: [] }];
  while (pending.length > 0) {
    const { object, path } = pending.pop() as { object: object; path: string[] };
    const values = object as Record<string, unknown>;
    const here = tooLongArrays(object.constructor, values, path);
    found.push(...here);
    if (here.length > 0) continue;
    for (const property of sizeRules(object.constructor).nested) {
      const value = values[property];
      if (typeof value !== 'object' || value === null) continue;
      if (Array.isArray(value)) {
        value.forEach((element, i) => {
          if (typeof element === 'object' && element !== null) pending.push({ object: element, path: [...path, property, String(i)] });
        });
      } else {
        pending.push({ object: value, path: [...path, property] });
      }
    }
  }
  return found;
}

/** `error` placed at `path` the way class-validator nests errors (one error per level, with children). */
function nestedError(path: string[], error: ValidationError): ValidationError {
  let out = error;
  for (let i = path.length - 1; i >= 0; i--) out = Object.assign(new ValidationError(), { property: path[i], children: [out] });
  return out;
}

/**
 * The platform's pipe: class-validator's, except that an array longer than its @ArrayMaxSize is refused
 * before anything else is validated (its elements are never looked at). The body's own arrays are
 * checked before class-transformer builds an instance of each element; nested ones after.
 */
class BoundedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = this.expectedType ?? metadata.metatype;
    if (metatype && this.toValidate({ ...metadata, metatype }) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const early = tooLongArrays(metatype, value as Record<string, unknown>, []);
      if (early.length > 0) throw await this.exceptionFactory(early);
    }
    return super.transform(value, metadata);
  }

  protected override validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> | ValidationError[] {
    const oversized = oversizedArrays(object);
    return oversized.length > 0 ? oversized : super.validate(object, options);
  }
}

/** One pipe for HTTP bodies/queries and NATS payloads: strict, and naming the bad fields (a bounded number). */
export function createValidationPipe(): ValidationPipe {
  return new BoundedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: requestValidationError,
  });
}
