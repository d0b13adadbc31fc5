import { chooseDriver, DriverNames, parseSiteApis } from './driver-choice';

describe('parseSiteApis', () => {
  it('reads site:api pairs, ignoring blanks and spaces', () => {
    expect(parseSiteApis(' haiti-north:koios , haiti-south : thundercloud,,')).toEqual(
      new Map([['haiti-north', 'koios'], ['haiti-south', 'thundercloud']]),
    );
    expect(parseSiteApis('')).toEqual(new Map());
  });

  it('rejects unknown APIs, malformed entries and a site given two APIs', () => {
    expect(() => parseSiteApis('haiti-north:steama')).toThrow(/api must be one of koios, thundercloud/);
    expect(() => parseSiteApis('haiti-north')).toThrow(/"haiti-north" is not <site-id>:<api>/);
    expect(() => parseSiteApis('a:koios,a:thundercloud')).toThrow(/both koios and thundercloud/);
  });

  it('accepts the same site twice with the same API', () => {
    expect(parseSiteApis('a:koios,a:koios')).toEqual(new Map([['a', 'koios']]));
  });
});

describe('chooseDriver', () => {
  const sites = parseSiteApis('haiti-north:koios,haiti-south:thundercloud');
  const meter = { type: 'meter', manufacturer: 'SparkMeter' };

  it('uses the API configured for the site', () => {
    expect(chooseDriver({ ...meter, siteId: 'haiti-south' }, sites, 'koios')).toEqual({ kind: 'driver', driver: DriverNames.thundercloud });
    expect(chooseDriver({ ...meter, siteId: 'haiti-north' }, sites, 'thundercloud')).toEqual({ kind: 'driver', driver: DriverNames.koios });
  });

  it('falls back to the default API for unlisted sites and devices without a site', () => {
    expect(chooseDriver({ ...meter, siteId: 'rwanda-1' }, sites, 'thundercloud')).toEqual({ kind: 'driver', driver: DriverNames.thundercloud });
    expect(chooseDriver({ ...meter, siteId: null }, sites, 'koios')).toEqual({ kind: 'driver', driver: DriverNames.koios });
  });

  it('matches the manufacturer case-insensitively', () => {
    expect(chooseDriver({ type: 'meter', manufacturer: ' sparkMETER ' }, sites, 'koios').kind).toBe('driver');
  });

  it('has no driver for other manufacturers or for non-meter SparkMeter devices', () => {
    expect(chooseDriver({ type: 'meter', manufacturer: 'Calin' }, sites, 'koios')).toEqual({
      kind: 'unsupported',
      reason: 'no driver for meter devices made by "Calin"',
    });
    expect(chooseDriver({ type: 'shs', manufacturer: 'SparkMeter' }, sites, 'koios').kind).toBe('unsupported');
  });
});
