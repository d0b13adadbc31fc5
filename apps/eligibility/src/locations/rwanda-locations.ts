import * as fs from 'fs';
import { LocationFileError, LocationLevel, LocationTree, parseLocationTree } from './domain/location-tree';

/**
 * Rwanda's administrative units, read once at start and kept in memory (names only, ~1 MB of JSON).
 * A path is the list of indexes chosen so far: [] → provinces, [p] → districts of p, … [p,d,s,c] → villages.
 */
export class RwandaLocations {
  /** `skipped`: units of the file left out for having no name (where they were). */
  constructor(
    readonly tree: LocationTree,
    readonly skipped: readonly string[] = [],
  ) {}

  /**
   * Reads and checks the file; a missing or invalid file throws an error naming LOCATIONS_FILE (the
   * service does not start: the sale flow cannot work without it).
   */
  static load(file: string, configured: boolean): RwandaLocations {
    const source = configured ? `LOCATIONS_FILE=${file}` : `LOCATIONS_FILE (empty, so the default ${file})`;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new Error(`${source}: cannot read the file: ${(err as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new Error(`${source}: not valid JSON: ${(err as Error).message}`);
    }
    try {
      const { tree, skipped } = parseLocationTree(json);
      return new RwandaLocations(tree, skipped);
    } catch (err) {
      if (err instanceof LocationFileError) throw new Error(`${source}: ${err.message}`);
      throw err;
    }
  }

  /** Names to choose from after `path`, or null when the path does not exist (or is complete). */
  namesAt(path: readonly number[]): string[] | null {
    const [p, d, s, c] = path;
    const province = p === undefined ? undefined : this.tree.provinces[p];
    switch (path.length) {
      case 0:
        return this.tree.provinces.map((x) => x.name);
      case 1:
        return province ? province.districts.map((x) => x.name) : null;
      case 2: {
        const district = province?.districts[d];
        return district ? district.sectors.map((x) => x.name) : null;
      }
      case 3: {
        const sector = province?.districts[d]?.sectors[s];
        return sector ? sector.cells.map((x) => x.name) : null;
      }
      case 4: {
        const cell = province?.districts[d]?.sectors[s]?.cells[c];
        return cell ? [...cell.villages] : null;
      }
      default:
        return null;
    }
  }

  /** The names along a complete path (province … village), or null if it is not one. */
  resolve(path: readonly number[]): { province: string; district: string; sector: string; cell: string; village: string } | null {
    if (path.length !== 5) return null;
    const [p, d, s, c, v] = path;
    const province = this.tree.provinces[p];
    const district = province?.districts[d];
    const sector = district?.sectors[s];
    const cell = sector?.cells[c];
    const village = cell?.villages[v];
    if (village === undefined) return null;
    return { province: province.name, district: district.name, sector: sector.name, cell: cell.name, village };
  }

  /** Every list an agent can be shown (for the screen-length test), with the path that leads to it. */
  *allLists(): Generator<{ path: number[]; level: LocationLevel; names: string[] }> {
    const t = this.tree;
    yield { path: [], level: 'province', names: t.provinces.map((x) => x.name) };
    for (const [pi, p] of t.provinces.entries()) {
      yield { path: [pi], level: 'district', names: p.districts.map((x) => x.name) };
      for (const [di, d] of p.districts.entries()) {
        yield { path: [pi, di], level: 'sector', names: d.sectors.map((x) => x.name) };
        for (const [si, s] of d.sectors.entries()) {
          yield { path: [pi, di, si], level: 'cell', names: s.cells.map((x) => x.name) };
          for (const [ci, c] of s.cells.entries()) yield { path: [pi, di, si, ci], level: 'village', names: [...c.villages] };
        }
      }
    }
  }
}
