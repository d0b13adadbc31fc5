import { gaugeReadOnScrape } from './metrics';

/** What one read of a backlog gives: a value per gauge (a count, an age in seconds). */
export type BacklogRead<K extends string> = () => Promise<Record<K, number>>;

/**
 * Gauges of a backlog kept in the database (rows waiting, the oldest one's age), for alerts: read when
 * /metrics is scraped, all of them from one query per scrape. Created at module load (one set per process);
 * the component that owns the table gives the query once it runs (`readFrom`) and takes it back when it
 * stops (`release`), so a scrape before start or after shutdown leaves the gauges as they were. Every
 * replica reports the same database-wide values: alert on max().
 */
export class BacklogGauges<K extends string> {
  private source: BacklogRead<K> | null = null;
  private last: { at: number; value: Promise<Record<K, number>> } | null = null;

  /** `gauges`: for each key the read returns, the metric's name and help. */
  constructor(gauges: Record<K, { name: string; help: string }>, private readonly sharedReadMs = 1000) {
    for (const [key, g] of Object.entries(gauges) as [K, { name: string; help: string }][]) {
      gaugeReadOnScrape(g.name, g.help, async () => {
        const read = this.read();
        return read ? (await read)[key] : null;
      });
    }
  }

  readFrom(source: BacklogRead<K>): void {
    this.source = source;
    this.last = null;
  }

  /** Stops reading, only if `source` is still the one read (a newer owner keeps its own). */
  release(source: BacklogRead<K>): void {
    if (this.source !== source) return;
    this.source = null;
    this.last = null;
  }

  private read(): Promise<Record<K, number>> | null {
    if (!this.source) return null;
    if (!this.last || Date.now() - this.last.at > this.sharedReadMs) this.last = { at: Date.now(), value: this.source() };
    return this.last.value;
  }
}
