import 'reflect-metadata';
import { createValidationPipe, toProblem } from '@limye/platform';
import { RegisterCustomerRequest } from './register-customer.request';
import { UpdateDeviceRequest } from './update-device.request';

/** The problems the pipe names for `body` against `dto`, or [] when it passes. */
async function problems(dto: Function, body: unknown): Promise<Array<{ field: string; problems: string[] }>> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: dto as never });
    return [];
  } catch (err) {
    return toProblem(err).fields as Array<{ field: string; problems: string[] }>;
  }
}
const register = (device: Record<string, unknown>) =>
  problems(RegisterCustomerRequest, { name: 'x', phone: '3744 0000', devices: [{ type: 'meter', manufacturer: 'sparkmeter', serial: 'SM-1', ...device }] });
const patch = (body: Record<string, unknown>) => problems(UpdateDeviceRequest, body);

describe('device codes: one rule for registering a device and changing it', () => {
  it.each([
    ['', 'vendorAccountRef must not be blank'],
    ['   ', 'vendorAccountRef must not be blank'],
    ['\t\n', 'vendorAccountRef must not contain control characters'],
    ['\u200b', 'vendorAccountRef must not be blank'],
    ['\u200b\ufeff \u2060', 'vendorAccountRef must not be blank'],
    ['a\u0001b', 'vendorAccountRef must not contain control characters'],
    ['0252\u0085SHG', 'vendorAccountRef must not contain control characters'],
    ['x'.repeat(65), 'vendorAccountRef must be shorter than or equal to 64 characters'],
  ])('refuses vendorAccountRef %p on POST and PATCH alike', async (value, problem) => {
    const onRegister = await register({ vendorAccountRef: value });
    const onPatch = await patch({ vendorAccountRef: value });
    expect(onRegister.map((f) => f.field)).toEqual(['devices.0.vendorAccountRef']);
    expect(onRegister[0].problems).toContain(problem);
    expect(onPatch).toEqual([{ field: 'vendorAccountRef', problems: onRegister[0].problems }]);
  });

  it('takes a real code, and on PATCH null to clear it', async () => {
    for (const value of ['0252SHG', 'acct 12-3', 'Ndayisaba é']) {
      expect(await register({ vendorAccountRef: value })).toEqual([]);
      expect(await patch({ vendorAccountRef: value })).toEqual([]);
    }
    expect(await patch({ vendorAccountRef: null })).toEqual([]);
    expect(await patch({})).toEqual([]);
  });

  it('refuses control characters in a serial', async () => {
    expect(await register({ serial: 'SM\u0001-1' })).toEqual([{ field: 'devices.0.serial', problems: ['serial must not contain control characters'] }]);
  });
});
