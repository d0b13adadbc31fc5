/** Which driver credits a device. Pure: the registry feeds it the device and the configuration. */

export const SPARKMETER_APIS = ['koios', 'thundercloud'] as const;
export type SparkMeterApi = (typeof SPARKMETER_APIS)[number];

export const DriverNames = {
  koios: 'sparkmeter-koios-v1',
  thundercloud: 'sparkmeter-thundercloud-v0',
  /** Stored on deliveries no driver can take, so they stay visible and retryable once one exists. */
  none: 'none',
} as const;
export type DriverName = (typeof DriverNames)[keyof typeof DriverNames];

export type DriverChoice = { kind: 'driver'; driver: DriverName } | { kind: 'unsupported'; reason: string };

export interface DeviceTraits {
  type: string;
  manufacturer: string;
  siteId?: string | null;
}

/**
 * Parses SPARKMETER_SITE_APIS ("haiti-north:koios, haiti-south:thundercloud") into site id → API.
 * Throws an Error naming the bad entry; a site listed twice with different APIs is an error, not a
 * silent "last one wins".
 */
export function parseSiteApis(text: string): Map<string, SparkMeterApi> {
  const out = new Map<string, SparkMeterApi>();
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const m = /^([A-Za-z0-9._-]+)\s*:\s*([a-z]+)$/.exec(entry);
    if (!m) throw new Error(`"${entry}" is not <site-id>:<api>`);
    const [, site, api] = m;
    if (!(SPARKMETER_APIS as readonly string[]).includes(api)) {
      throw new Error(`"${entry}": api must be one of ${SPARKMETER_APIS.join(', ')}`);
    }
    const previous = out.get(site);
    if (previous && previous !== api) throw new Error(`site "${site}" is listed as both ${previous} and ${api}`);
    out.set(site, api as SparkMeterApi);
  }
  return out;
}

export function isSparkMeterMeter(device: DeviceTraits): boolean {
  return device.manufacturer.trim().toLowerCase() === 'sparkmeter' && device.type === 'meter';
}

/** SparkMeter meters go to their site's API (or the default one); everything else has no driver yet. */
export function chooseDriver(device: DeviceTraits, siteApis: ReadonlyMap<string, SparkMeterApi>, defaultApi: SparkMeterApi): DriverChoice {
  if (!isSparkMeterMeter(device)) {
    return { kind: 'unsupported', reason: `no driver for ${device.type} devices made by "${device.manufacturer}"` };
  }
  const api = (device.siteId ? siteApis.get(device.siteId) : undefined) ?? defaultApi;
  return { kind: 'driver', driver: DriverNames[api] };
}
