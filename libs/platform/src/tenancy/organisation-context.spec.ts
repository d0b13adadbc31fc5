import { DomainError, ErrorCodes } from '@limye/contracts';
import { currentCorrelationId, runWithCorrelationId } from '../correlation/correlation';
import { requestContext } from '../correlation/request-context';
import type { Principal } from '../auth/principal';
import { callerOrganisation } from './caller-organisation';
import { currentOrganisationId, requireMessageOrganisation, runWithOrganisationId, sanitizeOrganisationId } from './organisation-context';

const ORG_A = '0a000000-0000-4000-8000-00000000000a';
const ORG_B = '0b000000-0000-4000-8000-00000000000b';

function refusal(fn: () => unknown): DomainError | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err as DomainError;
  }
}

describe('organisation context', () => {
  it('is none outside of a request, message or job', () => {
    expect(currentOrganisationId()).toBeUndefined();
  });

  it('is the principal an HTTP request got after its context was entered (the guard runs after the middleware)', () => {
    const request: { principal?: Principal } = {};
    requestContext.run({ correlationId: 'c1', request }, () => {
      expect(currentOrganisationId()).toBeUndefined();
      request.principal = { subject: 'u1', organisationId: ORG_A, role: 'owner', actorKind: 'user' };
      expect(currentOrganisationId()).toBe(ORG_A);
    });
  });

  it('runs a job for an organisation, keeping the correlation id, and ends with it', async () => {
    await runWithCorrelationId('corr-7', async () => {
      await runWithOrganisationId(ORG_B, async () => {
        await new Promise((r) => setImmediate(r));
        expect(currentOrganisationId()).toBe(ORG_B);
        expect(currentCorrelationId()).toBe('corr-7');
      });
      expect(currentOrganisationId()).toBeUndefined();
    });
  });

  it('accepts only a uuid as an organisation id, in lower case', () => {
    expect(sanitizeOrganisationId(ORG_A.toUpperCase())).toBe(ORG_A);
    expect(sanitizeOrganisationId(`${ORG_A}\r\nx-evil: 1`)).toBeUndefined();
    expect(sanitizeOrganisationId(42)).toBeUndefined();
  });

  it('lets a NATS handler serve only the organisation both its header and its payload name', () => {
    runWithCorrelationId('c', () => expect(requireMessageOrganisation(ORG_A.toUpperCase())).toBe(ORG_A), ORG_A);
    const mismatch = runWithCorrelationId('c', () => refusal(() => requireMessageOrganisation(ORG_B)), ORG_A);
    expect(mismatch).toMatchObject({ code: ErrorCodes.forbidden, httpStatus: 403 });
    const noHeader = runWithCorrelationId('c', () => refusal(() => requireMessageOrganisation(ORG_A)));
    expect(noHeader).toMatchObject({ code: ErrorCodes.forbidden, message: expect.stringContaining('no organisation header') });
  });

  it("gives an HTTP handler its verified caller's organisation, and refuses one reached without a caller (401)", () => {
    expect(callerOrganisation({ subject: 'k1', organisationId: ORG_B, role: 'viewer', actorKind: 'api_key' })).toBe(ORG_B);
    expect(refusal(() => callerOrganisation(undefined))).toMatchObject({ code: ErrorCodes.unauthorized, httpStatus: 401 });
  });
});
