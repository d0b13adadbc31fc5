import { errorCode, readMeisPerson, readOmisStatus } from './national-system-answers';

const person = {
  nationalId: '1198780012345012',
  householdId: '0412345678',
  isHouseholdHead: false,
  household: {
    householdId: '0412345678',
    headNationalId: '1197580012345011',
    category: '1',
    memberCount: 5,
    location: { province: 'Amajyepfo', district: 'Huye', sector: 'Tumba', cell: 'Cyimana', village: 'Gitwa' },
  },
};

describe('readMeisPerson', () => {
  it('reads the documented 200', () => {
    expect(readMeisPerson(200, person)).toEqual({ kind: 'found', householdId: '0412345678', isHouseholdHead: false, category: '1', memberCount: 5 });
  });

  it('takes a numeric category as its digits, and trims it', () => {
    expect(readMeisPerson(200, { ...person, household: { ...person.household, category: 2 } })).toMatchObject({ category: '2' });
    expect(readMeisPerson(200, { ...person, household: { ...person.household, category: ' C ' } })).toMatchObject({ category: 'C' });
  });

  it('404 and 400 mean MEIS knows no such person', () => {
    expect(readMeisPerson(404, { error: 'not_found' })).toEqual({ kind: 'not_found' });
    expect(readMeisPerson(400, { error: 'invalid_national_id' })).toEqual({ kind: 'not_found' });
  });

  it.each([
    [401, { error: 'unauthorized' }],
    [500, undefined],
    [200, 'not json'],
    [200, { ...person, household: undefined }],
    [200, { ...person, isHouseholdHead: 'no' }],
    [200, { ...person, household: { ...person.household, memberCount: -1 } }],
    [200, { ...person, household: { ...person.household, category: '' } }],
  ])('%p with an unexpected body is unavailable, never eligible', (status, body) => {
    expect(readMeisPerson(status, body).kind).toBe('unavailable');
  });
});

describe('readOmisStatus', () => {
  const status = {
    nationalId: '1198780012345012',
    householdId: '0412345678',
    subsidised: false,
    installedAt: null,
    ongoingSale: { reference: '48213907', companyCode: 'SOLARCO', registeredAt: '2026-11-20T09:12:00Z' },
    repossession: false,
    voucherNumber: '73920184',
  };

  it('reads the documented 200', () => {
    expect(readOmisStatus(200, status)).toEqual({ kind: 'found', subsidised: false, ongoingSale: true, repossession: false, voucherNumber: '73920184' });
  });

  it('reads a person OMIS knows nothing about as all clear', () => {
    expect(readOmisStatus(200, { ...status, householdId: null, ongoingSale: null, voucherNumber: null })).toEqual({
      kind: 'found',
      subsidised: false,
      ongoingSale: false,
      repossession: false,
      voucherNumber: null,
    });
  });

  it.each([
    [503, status],
    [401, { error: 'unauthorized' }],
    [200, { ...status, subsidised: 'no' }],
    [200, { ...status, repossession: undefined }],
    [200, { ...status, ongoingSale: 'yes' }],
    [200, undefined],
  ])('%p with an unexpected body is unavailable', (code, body) => {
    expect(readOmisStatus(code, body).kind).toBe('unavailable');
  });
});

describe('errorCode', () => {
  it('reads the documented error body only', () => {
    expect(errorCode({ error: 'household_blocked', message: 'x' })).toBe('household_blocked');
    expect(errorCode('oops')).toBeUndefined();
    expect(errorCode(undefined)).toBeUndefined();
  });
});
