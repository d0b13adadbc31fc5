import type { Language } from '../messages/catalogue';
import type { RequestLogRow, SessionWrite, StoredSession } from '../ussd-session.repository';

interface Row {
  phone: string;
  organisationId: string;
  language: Language | null;
  state: string;
  inputCount: number;
  lastReply: string | null;
  ended: boolean;
  version: number;
  createdAt: number;
  expiresAt: number;
  lastInput: string | null;
  repliedAt: number;
}

/**
 * UssdSessionRepository's contract in memory (same optimistic locking and claim rules), so the hop
 * logic (replays, expiry, races) can be unit-tested; the SQL itself is covered by the integration test.
 */
export class InMemoryUssdSessions {
  readonly rows = new Map<string, Row>();
  readonly languages = new Map<string, Language>();
  readonly logs: RequestLogRow[] = [];
  now = Date.now();

  private async tick(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
  }

  async read(key: string, phone: string): Promise<{ session: StoredSession | null; phoneLanguage: Language | null }> {
    await this.tick();
    const row = this.rows.get(key);
    const phoneLanguage = this.languages.get(phone) ?? null;
    if (!row) return { session: null, phoneLanguage };
    return {
      session: { version: row.version, phone: row.phone, organisationId: row.organisationId, createdAtMs: row.createdAt, state: JSON.parse(row.state), inputCount: row.inputCount, lastReply: row.lastReply, ended: row.ended, language: row.language, expired: row.expiresAt <= this.now,
        lastInput: row.lastInput, sinceReplyMs: this.now - row.repliedAt },
      phoneLanguage,
    };
  }

  async create(key: string, phone: string, organisationId: string, write: Omit<SessionWrite, 'inputCount' | 'rememberLanguage' | 'lastInput'>, ttl: number, log: RequestLogRow, replacing: number | null = null): Promise<boolean> {
    await this.tick();
    const existing = this.rows.get(key);
    if (existing && existing.expiresAt > this.now && existing.version !== replacing) return false;
    // Like the SQL's now(): a new instance gets a later creation time than the one it replaces.
    const createdAt = Math.max(this.now, (existing?.createdAt ?? 0) + 1);
    this.rows.set(key, { phone, organisationId, language: write.language, state: JSON.stringify(write.state), inputCount: 0, lastReply: write.reply, ended: write.ended, version: (existing?.version ?? 0) + 1, createdAt, expiresAt: this.now + ttl * 1000, lastInput: null, repliedAt: this.now });
    this.logs.push(log);
    return true;
  }

  async save(key: string, version: number, phone: string, write: SessionWrite, log: RequestLogRow): Promise<boolean> {
    await this.tick();
    const row = this.rows.get(key);
    if (!row || row.version !== version) return false;
    Object.assign(row, { state: JSON.stringify(write.state), inputCount: write.inputCount, lastReply: write.reply, ended: write.ended, language: write.language, version: version + 1, lastInput: write.lastInput, repliedAt: this.now });
    if (write.rememberLanguage && write.language) this.languages.set(phone, write.language);
    this.logs.push(log);
    return true;
  }

  async claim(key: string, version: number): Promise<boolean> {
    await this.tick();
    const row = this.rows.get(key);
    if (!row || row.version !== version || row.ended) return false;
    row.version += 1;
    row.lastReply = null;
    return true;
  }

  async reply(key: string): Promise<{ lastReply: string | null; ended: boolean; language: Language | null } | null> {
    await this.tick();
    const row = this.rows.get(key);
    return row ? { lastReply: row.lastReply, ended: row.ended, language: row.language } : null;
  }

  async phoneLanguage(phone: string): Promise<Language | null> {
    return this.languages.get(phone) ?? null;
  }

  async log(row: RequestLogRow): Promise<void> {
    this.logs.push(row);
  }

  async endSession(key: string | null, log: RequestLogRow): Promise<void> {
    const row = key ? this.rows.get(key) : undefined;
    if (key) this.rows.delete(key);
    this.logs.push({ ...log, language: row?.language ?? this.languages.get(log.phone) ?? null });
  }

  async deleteExpired(): Promise<number> {
    let n = 0;
    for (const [key, row] of this.rows) if (row.expiresAt <= this.now && this.rows.delete(key)) n++;
    return n;
  }
}
