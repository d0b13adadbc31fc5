import 'reflect-metadata';
import { createValidationPipe, toProblem } from '@limye/platform';
import { RegisterCustomerRequest } from './register-customer.request';

/** The 400 of POST /v1/customers for `body`, as the service sends it. */
async function problemFor(body: unknown): Promise<Record<string, any>> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: RegisterCustomerRequest });
  } catch (err) {
    return toProblem(err);
  }
  throw new Error('the body passed validation');
}

describe('POST /v1/customers refuses a hostile body with a small 400', () => {
  const customer = { name: 'x', phone: '3744 0000', siteId: 'haiti-north' };

  it('21,000 empty devices (63 kB): only the devices limit, none of their elements', async () => {
    const raw = JSON.stringify({ ...customer, devices: Array.from({ length: 21_000 }, () => ({})) });
    const problem = await problemFor(JSON.parse(raw));
    expect(problem).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'devices: devices must contain no more than 50 elements',
      fields: [{ field: 'devices', problems: ['devices must contain no more than 50 elements'] }],
    });
    expect(JSON.stringify(problem).length).toBeLessThan(8_000);
  });

  it('6,500 unknown keys: 20 named, the rest counted', async () => {
    const body: Record<string, unknown> = { ...customer, devices: [{ type: 'meter', manufacturer: 'sparkmeter', serial: 'SM-1' }] };
    for (let i = 0; i < 6_500; i++) body[`k${i}`] = 1;
    const problem = await problemFor(body);
    expect(problem.fields).toHaveLength(20);
    expect(problem.omittedFields).toBe(6_480);
    expect(JSON.stringify(problem).length).toBeLessThan(8_000);
  });

  it('still names each bad field of an ordinary body', async () => {
    const problem = await problemFor({ ...customer, devices: [{ type: 'meter', manufacturer: ' ', serial: '-' }] });
    expect(problem.fields).toEqual([
      { field: 'devices.0.manufacturer', problems: ['manufacturer must not be blank'] },
      { field: 'devices.0.serial', problems: ['serial must contain a letter or a digit'] },
    ]);
  });

  it('a device that is an array ([[]], or 21,000 devices inside one array) is a 400 naming it, none of its elements looked at', async () => {
    for (const devices of [[[]], [[[]]], [Array.from({ length: 21_000 }, () => ({}))]]) {
      const problem = await problemFor({ ...customer, devices });
      expect(problem).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', fields: [{ field: 'devices.0', problems: ['each value in devices must be an object, not an array (devices[0])'] }] });
      expect(JSON.stringify(problem).length).toBeLessThan(8_000);
    }
  });
});
