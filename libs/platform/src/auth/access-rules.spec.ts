import { ACCESS, AccessKind } from './access-rules';
import { ROLES } from './roles';

const kinds = Object.keys(ACCESS) as AccessKind[];
const readKinds = kinds.filter((k) => k.endsWith('Read'));
const mayCall = (role: string) => kinds.filter((k) => (ACCESS[k] as readonly string[]).includes(role)).sort();

describe('ACCESS (who may call which kind of operator route)', () => {
  it('names only known roles, each kind at least the owner and the admin', () => {
    for (const kind of kinds) {
      for (const role of ACCESS[kind]) expect(ROLES).toContain(role);
      expect(ACCESS[kind]).toEqual(expect.arrayContaining(['owner', 'admin']));
    }
  });

  it('viewer: every read and nothing else', () => {
    expect(mayCall('viewer')).toEqual([...readKinds].sort());
  });

  it('finance: payments, deliveries and the ledger (and reads customers), never registration, configuration or the programme', () => {
    expect(mayCall('finance')).toEqual(['deliveriesOperate', 'deliveriesRead', 'ledgerRead', 'paymentsOperate', 'paymentsRead', 'registryRead']);
  });

  it('field: registers customers and devices and reads them; no payment, ledger, delivery or programme route', () => {
    expect(mayCall('field')).toEqual(['registryRead', 'registryRegister']);
  });

  it('programme: the eligibility admin API only', () => {
    expect(mayCall('programme')).toEqual(['programmeManage', 'programmeRead']);
  });

  it('owner and admin: everything', () => {
    expect(mayCall('owner')).toEqual([...kinds].sort());
    expect(mayCall('admin')).toEqual([...kinds].sort());
  });
});
