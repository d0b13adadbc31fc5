import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedQuery, returnedRows } from '@limye/platform';
import type { FlowState } from './flow/flow-state';
import type { Language } from './messages/catalogue';

export interface StoredSession {
  version: number;
  /** The phone that opened the session; a hop from another phone may not use it. */
  phone: string;
  /** The organisation the session acts for, found from that phone when it began. */
  organisationId: string;
  /** When this instance of the session began (a gateway may reuse a session id for a later session). */
  createdAtMs: number;
  state: FlowState;
  inputCount: number;
  /** Null while another request runs a hop with effects (see `claim`). */
  lastReply: string | null;
  ended: boolean;
  language: Language | null;
  expired: boolean;
  /** The last hop's input from a "latest input only" gateway, null after a PIN or another gateway's hop. */
  lastInput: string | null;
  /** Milliseconds since the last reply was saved, by the database's clock (the same for every replica). */
  sinceReplyMs: number | null;
}

/** One row of the request log (ussd_requests). */
export interface RequestLogRow {
  /** The organisation whose staff may read the row: the dialling phone's (its session's), else the default one. */
  organisationId: string;
  receivedAt: Date;
  gateway: string;
  sessionId: string;
  phone: string;
  serviceCode: string | null;
  networkCode: string | null;
  language: Language | null;
  inputMasked: string | null;
  screen: string;
  outcome: string;
  nationalIdMasked: string | null;
  durationMs: number;
}

export interface SessionWrite {
  state: FlowState;
  inputCount: number;
  reply: string;
  ended: boolean;
  language: Language | null;
  /** Also remember this language for the phone. */
  rememberLanguage: boolean;
  /** See StoredSession.lastInput. */
  lastInput: string | null;
}

const LOG_COLUMNS = 'organisation_id, received_at, gateway, session_id, phone, service_code, network_code, language, input_masked, screen, outcome, national_id_masked, duration_ms';
/** The log row's values from parameter $first on, typed (they sit in a SELECT list, where Postgres cannot infer them). */
function logValues(first: number): string {
  const types = ['uuid', 'timestamptz', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'int'];
  return types.map((t, i) => `$${first + i}::${t}`).join(', ');
}
function logParams(r: RequestLogRow): unknown[] {
  return [r.organisationId, r.receivedAt, r.gateway, r.sessionId, r.phone, r.serviceCode, r.networkCode, r.language, r.inputMasked, r.screen, r.outcome, r.nationalIdMasked, Math.round(r.durationMs)];
}

const READ = `SELECT s.version, s.phone, s.organisation_id, (extract(epoch FROM s.created_at) * 1000)::bigint AS created_ms, s.state, s.input_count, s.last_reply, s.ended, s.language, (s.expires_at <= now()) AS expired,
    s.last_input, (extract(epoch FROM (clock_timestamp() - s.replied_at)) * 1000)::int AS since_reply_ms,
    s.session_key IS NOT NULL AS found, l.language AS phone_language
  FROM (SELECT 1) AS one
  LEFT JOIN ussd_sessions s ON s.session_key = $1
  LEFT JOIN ussd_phone_languages l ON l.phone = $2`;

// A new session; a row left by an expired session of the same key is replaced, a live one is not.
const CREATE = `WITH ins AS (
    INSERT INTO ussd_sessions (session_key, phone, language, state, input_count, last_reply, ended, version, created_at, expires_at, last_input, replied_at, organisation_id)
    VALUES ($1, $2, $3, $4::jsonb, 0, $5, $6, 1, now(), now() + ($7::int * interval '1 second'), NULL, clock_timestamp(), $8::uuid)
    ON CONFLICT (session_key) DO UPDATE SET phone = EXCLUDED.phone, organisation_id = EXCLUDED.organisation_id, language = EXCLUDED.language, state = EXCLUDED.state,
      input_count = 0, last_reply = EXCLUDED.last_reply, ended = EXCLUDED.ended, version = ussd_sessions.version + 1,
      created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at, last_input = NULL, replied_at = EXCLUDED.replied_at
    WHERE ussd_sessions.expires_at <= now() OR ussd_sessions.version = $22
    RETURNING version
  ), log AS (
    INSERT INTO ussd_requests (${LOG_COLUMNS}) SELECT ${logValues(9)} WHERE EXISTS (SELECT 1 FROM ins)
  )
  SELECT version FROM ins`;

// The hop's outcome, only if nobody else wrote the session since it was read (optimistic lock), with its
// log row and, when a language was chosen, the phone's language: one round trip.
const SAVE = `WITH upd AS (
    UPDATE ussd_sessions SET state = $3::jsonb, input_count = $4, last_reply = $5, ended = $6, language = $7, version = version + 1,
      last_input = $23::varchar, replied_at = clock_timestamp()
    WHERE session_key = $1 AND version = $2
    RETURNING version
  ), lang AS (
    INSERT INTO ussd_phone_languages (phone, language, updated_at)
    SELECT $8::varchar, $7::varchar, now() WHERE $9::boolean AND EXISTS (SELECT 1 FROM upd)
    ON CONFLICT (phone) DO UPDATE SET language = EXCLUDED.language, updated_at = now()
  ), log AS (
    INSERT INTO ussd_requests (${LOG_COLUMNS}) SELECT ${logValues(10)} WHERE EXISTS (SELECT 1 FROM upd)
  )
  SELECT version FROM upd`;

const CLAIM = `UPDATE ussd_sessions SET version = version + 1, last_reply = NULL
  WHERE session_key = $1 AND version = $2 AND NOT ended RETURNING version`;

const LOG = `INSERT INTO ussd_requests (${LOG_COLUMNS}) VALUES (${logValues(1)})`;

// Session end: the session goes, the log row takes its language (else the phone's).
const END = `WITH del AS (DELETE FROM ussd_sessions WHERE session_key = $14 RETURNING language)
  INSERT INTO ussd_requests (${LOG_COLUMNS})
  SELECT $1::uuid, $2::timestamptz, $3::varchar, $4::varchar, $5::varchar, $6::varchar, $7::varchar,
    COALESCE((SELECT language FROM del LIMIT 1), $8::varchar, (SELECT language FROM ussd_phone_languages WHERE phone = $5::varchar)),
    $9::varchar, $10::varchar, $11::varchar, $12::varchar, $13::int`;

/**
 * The USSD tables, in as few round trips as a hop allows: read (session + phone language), then one
 * statement that writes the session, the request-log row and the phone language together.
 */
@Injectable()
export class UssdSessionRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async read(sessionKey: string, phone: string): Promise<{ session: StoredSession | null; phoneLanguage: Language | null }> {
    const [row] = await preparedQuery<{
      found: boolean;
      version: number;
      phone: string;
      organisation_id: string;
      created_ms: string;
      state: FlowState;
      input_count: number;
      last_reply: string | null;
      ended: boolean;
      language: Language | null;
      expired: boolean;
      phone_language: Language | null;
      last_input: string | null;
      since_reply_ms: number | null;
    }>(this.ds, READ, [sessionKey, phone]);
    const phoneLanguage = row?.phone_language ?? null;
    if (!row?.found) return { session: null, phoneLanguage };
    return {
      session: { version: row.version, phone: row.phone, organisationId: row.organisation_id, createdAtMs: Number(row.created_ms), state: row.state, inputCount: row.input_count, lastReply: row.last_reply, ended: row.ended, language: row.language, expired: row.expired,
        lastInput: row.last_input, sinceReplyMs: row.since_reply_ms },
      phoneLanguage,
    };
  }

  /**
   * False when a live session with this key already exists (a concurrent first hop won). `replacing`: the
   * version of a live session this new one replaces (a new dial reusing the id), if nobody changed it since.
   */
  async create(
    sessionKey: string,
    phone: string,
    organisationId: string,
    write: Omit<SessionWrite, 'inputCount' | 'rememberLanguage' | 'lastInput'>,
    ttlSeconds: number,
    log: RequestLogRow,
    replacing: number | null = null,
  ): Promise<boolean> {
    const rows = await preparedQuery(this.ds, CREATE, [sessionKey, phone, write.language, JSON.stringify(write.state), write.reply, write.ended, ttlSeconds, organisationId, ...logParams(log), replacing ?? -1]);
    return rows.length === 1;
  }

  /** False when the session changed since `version` was read: another request of it won. */
  async save(sessionKey: string, version: number, phone: string, write: SessionWrite, log: RequestLogRow): Promise<boolean> {
    const rows = await preparedQuery(this.ds, SAVE, [
      sessionKey,
      version,
      JSON.stringify(write.state),
      write.inputCount,
      write.reply,
      write.ended,
      write.language,
      phone,
      write.rememberLanguage && write.language !== null,
      ...logParams(log),
      write.lastInput,
    ]);
    return rows.length === 1;
  }

  /** Takes the session for a hop with effects: version + 1 and no reply until it is saved. False if lost. */
  async claim(sessionKey: string, version: number): Promise<boolean> {
    return (await preparedQuery(this.ds, CLAIM, [sessionKey, version])).length === 1;
  }

  /** The session's reply as it stands (null while a hop with effects runs). */
  async reply(sessionKey: string): Promise<{ lastReply: string | null; ended: boolean; language: Language | null } | null> {
    const [row] = await preparedQuery<{ last_reply: string | null; ended: boolean; language: Language | null }>(
      this.ds,
      'SELECT last_reply, ended, language FROM ussd_sessions WHERE session_key = $1',
      [sessionKey],
    );
    return row ? { lastReply: row.last_reply, ended: row.ended, language: row.language } : null;
  }

  async phoneLanguage(phone: string): Promise<Language | null> {
    const [row] = await preparedQuery<{ language: Language }>(this.ds, 'SELECT language FROM ussd_phone_languages WHERE phone = $1', [phone]);
    return row?.language ?? null;
  }

  async log(row: RequestLogRow): Promise<void> {
    await preparedQuery(this.ds, LOG, logParams(row));
  }

  /** Drops the session (if any) and logs its end in one statement. */
  async endSession(sessionKey: string | null, log: RequestLogRow): Promise<void> {
    await preparedQuery(this.ds, END, [...logParams(log), sessionKey ?? '']);
  }

  /** Deletes expired sessions, in batches; returns how many. */
  async deleteExpired(batch = 5000): Promise<number> {
    let total = 0;
    for (;;) {
      const n = returnedRows(
        await this.ds.query(
          `DELETE FROM ussd_sessions WHERE session_key IN (SELECT session_key FROM ussd_sessions WHERE expires_at <= now() LIMIT $1) RETURNING 1`,
          [batch],
        ),
      ).length;
      total += n;
      if (n < batch) return total;
    }
  }
}
