/** One village with the units above it, as MEIS and OMIS write a household's location. */
export interface RwandaLocation {
  province: string;
  district: string;
  sector: string;
  cell: string;
  village: string;
}

interface Named {
  name?: unknown;
}

/**
 * A place name as a USSD screen can show it: data/rwanda-locations.json has village names with non-breaking spaces
 * (U+00A0), which would force UCS-2 and halve the screen, so every run of whitespace becomes one plain
 * space and the ends are trimmed.
 */
export function cleanPlaceName(raw: string): string {
  return raw.replace(/[\s\u00a0]+/g, ' ').trim();
}

/**
 * Every village of `provinces[].districts[].sectors[].cells[].villages[]` (names only) with its cell,
 * sector, district and province, in file order; villages with an empty name are left out. Throws on a
 * file that does not have this shape.
 */
export function flattenRwandaLocations(raw: unknown): RwandaLocation[] {
  const out: RwandaLocation[] = [];
  for (const p of listOf(raw, 'provinces')) {
    const province = nameOf(p, 'province');
    for (const d of listOf(p, 'districts')) {
      const district = nameOf(d, 'district');
      for (const s of listOf(d, 'sectors')) {
        const sector = nameOf(s, 'sector');
        for (const c of listOf(s, 'cells')) {
          const cell = nameOf(c, 'cell');
          for (const v of listOf(c, 'villages')) {
            // data/rwanda-locations.json has one village with an empty name (Ngoma/Gashanda/Cyerwa); no one lives there.
            const village = (v as Named | null)?.name === '' ? '' : nameOf(v, 'village');
            if (village !== '') out.push({ province, district, sector, cell, village });
          }
        }
      }
    }
  }
  if (out.length === 0) throw new Error('the locations file lists no village');
  return out;
}

function listOf(parent: unknown, key: string): unknown[] {
  const list = typeof parent === 'object' && parent !== null ? (parent as Record<string, unknown>)[key] : undefined;
  if (!Array.isArray(list)) throw new Error(`the locations file has no "${key}" list where one is expected`);
  return list;
}

function nameOf(unit: unknown, level: string): string {
  const name = typeof unit === 'object' && unit !== null ? (unit as Named).name : undefined;
  const cleaned = typeof name === 'string' ? cleanPlaceName(name) : '';
  if (cleaned === '') throw new Error(`a ${level} in the locations file has no name`);
  return cleaned;
}
