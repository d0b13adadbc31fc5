import { readFileSync } from 'fs';
import { defaultRwandaLocationsFile } from '@limye/platform';
import { cleanPlaceName, flattenRwandaLocations } from './rwanda-locations';

describe('cleanPlaceName', () => {
  it('turns non-breaking spaces into plain ones, collapses runs and trims', () => {
    expect(cleanPlaceName('Kagwa \u00a0A')).toBe('Kagwa A');
    expect(cleanPlaceName('Kuruganda \u00a0\u00a0\u00a0')).toBe('Kuruganda');
    expect(cleanPlaceName('  Umujyi wa Kigali ')).toBe('Umujyi wa Kigali');
  });
});

describe('flattenRwandaLocations', () => {
  const tree = {
    provinces: [
      { name: 'Amajyepfo', districts: [{ name: 'Huye', sectors: [{ name: 'Tumba', cells: [{ name: 'Cyimana', villages: [{ name: 'Gitwa \u00a0' }, { name: 'Rango' }] }] }] }] },
    ],
  };

  it('lists every village with its cell, sector, district and province, names cleaned', () => {
    expect(flattenRwandaLocations(tree)).toEqual([
      { province: 'Amajyepfo', district: 'Huye', sector: 'Tumba', cell: 'Cyimana', village: 'Gitwa' },
      { province: 'Amajyepfo', district: 'Huye', sector: 'Tumba', cell: 'Cyimana', village: 'Rango' },
    ]);
  });

  it('leaves out a village with an empty name', () => {
    const withEmpty = structuredClone(tree);
    withEmpty.provinces[0].districts[0].sectors[0].cells[0].villages.push({ name: '' });
    expect(flattenRwandaLocations(withEmpty)).toHaveLength(2);
  });

  it('refuses a file of another shape, naming what is missing', () => {
    expect(() => flattenRwandaLocations({})).toThrow(/"provinces"/);
    expect(() => flattenRwandaLocations({ provinces: [{ name: 'X', districts: [{ sectors: [] }] }] })).toThrow(/district .* no name/);
    expect(() => flattenRwandaLocations({ provinces: [] })).toThrow(/no village/);
  });

  it('reads the project\'s data/rwanda-locations.json: 14,840 named villages (of 14,841) in 5 provinces and 30 districts, none with an NBSP or padding', () => {
    const tree: unknown = JSON.parse(readFileSync(defaultRwandaLocationsFile(), 'utf8'));
    // The file does carry them (42 NBSPs in 38 village names, docs/reference/rwanda-locations.md); the flattened list must not.
    expect((JSON.stringify(tree).match(/\u00a0/g) ?? []).length).toBe(42);
    const villages = flattenRwandaLocations(tree);
    expect(villages).toHaveLength(14_840);
    expect(new Set(villages.map((v) => v.province)).size).toBe(5);
    expect(new Set(villages.map((v) => `${v.province}/${v.district}`)).size).toBe(30);
    for (const v of villages) {
      for (const name of Object.values(v)) {
        expect(name).not.toMatch(/\u00a0|^\s|\s$|\s{2}/);
      }
    }
    expect(villages.some((v) => v.village === 'Kagwa A')).toBe(true);
  });
});
