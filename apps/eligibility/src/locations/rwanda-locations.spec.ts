import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defaultRwandaLocationsFile } from '@limye/platform';
import { isGsm7 } from '../ussd/domain/gsm7';
import { parseLocationTree } from './domain/location-tree';
import { EligibilityEnv } from '../config/eligibility.env';
import { loadConfiguredLocations } from './locations.module';
import { RwandaLocations } from './rwanda-locations';

const tiny = (villages: unknown[] = [{ name: 'Gihanga' }]) => ({
  provinces: [{ name: 'Umujyi wa Kigali', districts: [{ name: 'Nyarugenge', sectors: [{ name: 'Gitega', cells: [{ name: 'Akabahizi', villages }] }] }] }],
});

describe('Rwanda locations', () => {
  it('loads the real file: 5 provinces, 30 districts, 416 sectors, 2,148 cells, every name GSM-7', () => {
    const loc = RwandaLocations.load(defaultRwandaLocationsFile(), false);
    const t = loc.tree;
    const districts = t.provinces.flatMap((p) => p.districts);
    const sectors = districts.flatMap((d) => d.sectors);
    const cells = sectors.flatMap((s) => s.cells);
    const villages = cells.flatMap((c) => c.villages);
    expect([t.provinces.length, districts.length, sectors.length, cells.length]).toEqual([5, 30, 416, 2148]);
    // 14,841 in the file, one of them without a name.
    expect(villages.length).toBe(14840);
    expect(loc.skipped).toHaveLength(1);
    const names = [...t.provinces, ...districts, ...sectors, ...cells].map((x) => x.name).concat(villages);
    expect(names.filter((n) => !isGsm7(n) || n !== n.trim() || n.includes('  '))).toEqual([]);
    expect(villages).toContain('Akana ka Mageragere');
  });

  it('normalises names: NBSP, stray spaces, diacritics outside GSM-7', () => {
    const { tree } = parseLocationTree(tiny([{ name: ' Ruyema\u00A0II ' }, { name: 'Kîbungo' }, { name: 'Gisényi' }]));
    expect(tree.provinces[0].districts[0].sectors[0].cells[0].villages).toEqual(['Ruyema II', 'Kibungo', 'Gisényi']);
  });

  it('walks the hierarchy by the indexes chosen', () => {
    const loc = new RwandaLocations(parseLocationTree(tiny([{ name: 'A' }, { name: 'B' }])).tree);
    expect(loc.namesAt([])).toEqual(['Umujyi wa Kigali']);
    expect(loc.namesAt([0])).toEqual(['Nyarugenge']);
    expect(loc.namesAt([0, 0, 0, 0])).toEqual(['A', 'B']);
    expect(loc.namesAt([1])).toBeNull();
    expect(loc.resolve([0, 0, 0, 0, 1])).toEqual({ province: 'Umujyi wa Kigali', district: 'Nyarugenge', sector: 'Gitega', cell: 'Akabahizi', village: 'B' });
    expect(loc.resolve([0, 0, 0, 0, 2])).toBeNull();
    expect(loc.resolve([0, 0])).toBeNull();
  });

  describe('a missing or invalid LOCATIONS_FILE stops the service with an error naming it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limye-loc-'));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, content: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      return file;
    };

    it.each([
      ['missing', path.join(dir, 'nope.json'), /LOCATIONS_FILE=.*nope\.json: cannot read the file/],
      ['not JSON', write('bad.json', '{"provinces": ['), /LOCATIONS_FILE=.*bad\.json: not valid JSON/],
      ['without provinces', write('empty.json', '{"regions": []}'), /LOCATIONS_FILE=.*: expected a JSON object with a "provinces" array/],
      ['with a cell without villages', write('novillage.json', JSON.stringify(tiny([]))), /provinces\[0\]\.districts\[0\]\.sectors\[0\]\.cells\[0\]\.villages: no named entries/],
      ['with a unit without a name', write('noname.json', JSON.stringify({ provinces: [{ districts: [] }] })), /provinces\[0\]: expected an object with a "name" string/],
    ])('%s', (_what, file, message) => {
      expect(() => RwandaLocations.load(file, true)).toThrow(message);
    });

    it('says when the default file was used', () => {
      expect(() => RwandaLocations.load(path.join(dir, 'nope.json'), false)).toThrow(/LOCATIONS_FILE \(empty, so the default .*nope\.json\)/);
    });
  });
});

describe('loadConfiguredLocations (service start)', () => {
  const env = (file: string) => Object.assign(new EligibilityEnv(), { LOCATIONS_FILE: file });

  it('loads LOCATIONS_FILE, or the default file when it is empty', () => {
    expect(loadConfiguredLocations(env('')).tree.provinces).toHaveLength(5);
  });

  it('fails the start with an error naming LOCATIONS_FILE', () => {
    const missing = path.join(os.tmpdir(), 'limye-no-such-locations.json');
    expect(() => loadConfiguredLocations(env(missing))).toThrow(`LOCATIONS_FILE=${missing}: cannot read the file`);
  });
});
