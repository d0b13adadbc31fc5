import { toGsm7 } from '../../ussd/domain/gsm7';

/** Rwanda's administrative units by name: 5 provinces, 30 districts, 416 sectors, 2,148 cells, ~14,800 villages. */
export interface LocationTree {
  provinces: Province[];
}
export interface Province {
  name: string;
  districts: District[];
}
export interface District {
  name: string;
  sectors: Sector[];
}
export interface Sector {
  name: string;
  cells: Cell[];
}
export interface Cell {
  name: string;
  villages: string[];
}

/** The levels in the order an agent picks them. */
export type LocationLevel = 'province' | 'district' | 'sector' | 'cell' | 'village';

export class LocationFileError extends Error {}

const CHILDREN = ['districts', 'sectors', 'cells', 'villages'] as const;

/**
 * Checks and normalises the file's JSON (`provinces[].districts[].sectors[].cells[].villages[]`, each
 * `{name}`): every name becomes GSM-7 (the published file has village names with NBSP, which would turn a
 * whole screen into UCS-2); a unit whose name is empty is left out (the published file has one nameless
 * village: it cannot be chosen by name anyway) and counted in `skipped`; every unit left must have at
 * least one child. Throws a LocationFileError naming the first bad place.
 */
export function parseLocationTree(raw: unknown): { tree: LocationTree; skipped: string[] } {
  const root = raw as { provinces?: unknown };
  if (!isRecord(raw) || !Array.isArray(root.provinces)) throw new LocationFileError('expected a JSON object with a "provinces" array');
  const skipped: string[] = [];
  const walk = (items: unknown, depth: number, where: string): unknown[] => {
    const key = depth === 0 ? 'provinces' : CHILDREN[depth - 1];
    if (!Array.isArray(items)) throw new LocationFileError(`${where}${key}: expected an array`);
    const out: unknown[] = [];
    items.forEach((item, i) => {
      const here = `${where}${key}[${i}]`;
      if (!isRecord(item) || typeof item.name !== 'string') throw new LocationFileError(`${here}: expected an object with a "name" string`);
      const name = toGsm7(item.name);
      if (name === '') {
        skipped.push(here);
        return;
      }
      out.push(depth === 4 ? name : { name, [CHILDREN[depth]]: walk(item[CHILDREN[depth]], depth + 1, `${here}.`) });
    });
    if (out.length === 0) throw new LocationFileError(`${where}${key}: no named entries`);
    return out;
  };
  return { tree: { provinces: walk(root.provinces, 0, '') as Province[] }, skipped };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
