import '../libs/platform/src/register-paths';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { Client } from 'pg';
import { LocalStack, StackServiceName } from '@limye/local-stack';
import { BENCH_AUTH_ENV, benchEnvOverrides, committedTransactions, inBatches, json, log, machineCpu, ownCpuByKind, percentile, pgStatements, sampleRss } from './bench-support';
import { NOISE_MARK, noiseFromEnv, startCpuNoise } from './cpu-noise';

/**
 * npm run bench:ussd — the eligibility service's USSD tool under load, as Africa's Talking drives it (form
 * POST per hop, `text` = every input of the session joined by '*', reply `CON …`/`END …`), with the
 * sandbox's MEIS and OMIS simulators answering 50 ms late. Only the sandbox and eligibility run (each its
 * own process), on an embedded PostgreSQL and a local NATS, on free ports.
 *
 * 1. setup (not timed): companies, products, agents with PINs and large budgets through the admin API;
 *    OMIS and MEIS put on `slow` 50 ms; pools of households (eligible of several categories, subsidised,
 *    ongoing sale, repossession, unknown IDs) from the sandbox's control API;
 * 2. load, open loop: a ticker sends BENCH_HOPS_PER_S hops a second, each slot going to the virtual session
 *    that has waited longest for its next hop (its user "thought" for ~BENCH_THINK_MS), or to a new session
 *    when none is waiting, so the offered rate does not drop when the server slows. Every session is a script
 *    that reads each screen and picks its next input from it: mostly eligibility checks, full sale
 *    registrations by agents, confirmations of the sales registered, and some invalid inputs, unknown IDs and
 *    back navigation. BENCH_WARMUP_S of warm-up (not measured), then BENCH_DURATION_S measured;
 * 3. outage: OMIS `timeout` (never answers), then MEIS `down`: BENCH_OUTAGE_SESSIONS check sessions each, at
 *    5 sessions/s; how long the ID hop takes to answer and whether every answer is the polite END; then the
 *    faults are cleared and checks are shown to work again.
 * Prints figures; asserts nothing.
 * Settings: BENCH_HOPS_PER_S (200), BENCH_DURATION_S (60), BENCH_WARMUP_S (10), BENCH_THINK_MS (1500, mean
 * pause between a reply and the next input), BENCH_MIX ('check:74,odd:10,register:9,confirm:7': shares of new
 * sessions), BENCH_OUTAGE_SESSIONS (50), BENCH_SEED (1), BENCH_END_EVENTS (1:
 * also POST Africa's Talking's end-of-session notification), BENCH_ENV ('A=1,B=2': extra env for both
 * services), BENCH_PG_STATS (with LIMYE_PG_FLAGS, see payments.bench.ts), BENCH_KEEP_DIR (keep the temporary
 * folder with the services' logs), LIMYE_NODE_ARGS (node flags for the services, e.g. '--cpu-prof'), BENCH_NOISE
 * (cores a CPU burner takes beside the run from the warm-up on, e.g. 0.5: another tenant of a shared machine).
 */
const HOPS_PER_S = envNumber('BENCH_HOPS_PER_S', 200);
const DURATION_S = envNumber('BENCH_DURATION_S', 60);
const WARMUP_S = envNumber('BENCH_WARMUP_S', 10);
const THINK_MS = envNumber('BENCH_THINK_MS', 1500);
const OUTAGE_SESSIONS = envNumber('BENCH_OUTAGE_SESSIONS', 50);
const SEED = envNumber('BENCH_SEED', 1);
const END_EVENTS = (process.env.BENCH_END_EVENTS ?? '1') !== '0';
const OUTAGE_SESSIONS_PER_S = 5;
const NATIONAL_SYSTEMS_DELAY_MS = 50;
/** A gateway gives the app about 10 s; the client waits a little longer so a slow answer is still measured. */
const HOP_TIMEOUT_MS = 15000;
/** A hop sent more than this after its slot in the schedule counts as late. */
const LATE_MS = 10;
/** Sessions open at once at most (a runaway guard if the server stalls: a slot then goes unsent). */
const MAX_OPEN_SESSIONS = 20000;
const MAX_HOPS_PER_SESSION = 40;
/** Sales registered during setup, so that confirmations can start with the load. */
const SEED_SALES = 40;
const AGENTS = 20;
const CHECK_PHONES = 3000;
const SERVICE_CODE = '*662*100#';
/** Shares of new sessions (the rest of each kind's variety is decided inside); BENCH_MIX='check:74,odd:10,register:9,confirm:7'. */
const MIX = sessionMix(process.env.BENCH_MIX ?? 'check:74,odd:10,register:9,confirm:7');
/** Which ID a check session types. */
const CHECK_MIX = { eligible: 0.55, categoryNotEligible: 0.15, subsidised: 0.1, ongoingSale: 0.08, repossession: 0.04, unknown: 0.08 };


// ── the Africa's Talking wire ─────────────────────────────────────────────────────────────────────────

interface Reply {
  status: number;
  end: boolean;
  text: string;
  ms: number;
  /** Why this is not a proper reply (HTTP status, transport error, not CON/END); null when it is one. */
  problem: string | null;
}

// Idle connections are dropped after 4 s, before Node's server closes them (keepAliveTimeout 5 s): reusing one
// the server is closing at that moment would show as an ECONNRESET that is the client's doing, not the service's.
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 2048, maxFreeSockets: 512, timeout: 4000 });

function postForm(base: URL, urlPath: string, fields: Record<string, string>, timeoutMs: number): Promise<{ status: number; body: string; contentType: string }> {
  const body = new URLSearchParams(fields).toString();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        path: urlPath,
        method: 'POST',
        agent: keepAlive,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), contentType: String(res.headers['content-type'] ?? '') });
        });
        res.on('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(body);
  });
}

async function atHop(base: URL, sessionId: string, phone: string, text: string): Promise<Reply> {
  const started = performance.now();
  try {
    const res = await postForm(base, '/v1/ussd/africastalking', { sessionId, serviceCode: SERVICE_CODE, phoneNumber: phone, networkCode: '63510', text }, HOP_TIMEOUT_MS);
    const ms = performance.now() - started;
    if (res.status !== 200) return { status: res.status, end: true, text: res.body.slice(0, 200), ms, problem: `HTTP ${res.status}` };
    if (!/^text\/plain/.test(res.contentType)) return { status: res.status, end: true, text: res.body.slice(0, 200), ms, problem: `content-type ${res.contentType}` };
    const m = /^(CON|END) ([\s\S]*)$/.exec(res.body);
    if (!m) return { status: res.status, end: true, text: res.body.slice(0, 200), ms, problem: 'not a CON/END reply' };
    return { status: 200, end: m[1] === 'END', text: m[2], ms, problem: null };
  } catch (err) {
    return { status: 0, end: true, text: '', ms: performance.now() - started, problem: `transport: ${(err as Error).message}` };
  }
}

// ── screens as the English catalogue (apps/eligibility/src/ussd/messages/en.ts) words them ──────────

type ScreenKind =
  | 'language' | 'home' | 'enter_id' | 'unknown_id' | 'eligible' | 'pin' | 'pin_wrong' | 'list' | 'sale_confirm' | 'reference'
  | 'unknown_reference' | 'household' | 'mismatch' | 'already_subsidised' | 'category_not_eligible' | 'blocked' | 'budget_spent'
  | 'unavailable' | 'not_agent' | 'no_company' | 'pin_locked' | 'no_products' | 'sale_registered' | 'sale_blocked' | 'sale_invalid'
  | 'confirmed' | 'already_used' | 'session_expired' | 'bad_request' | 'error' | 'unrecognised';

// First match wins: notices ("Invalid choice.", "Wrong PIN…") sit above the screen they come with.
const SCREENS: Array<[ScreenKind, RegExp]> = [
  ['language', /Choose a language/],
  ['home', /Welcome to the RBF solar incentive tool/],
  ['unknown_id', /ID not found\./],
  ['enter_id', /Enter the national ID number/],
  ['eligible', /Eligible: incentive \d+%/],
  ['pin_wrong', /Wrong PIN/],
  ['pin', /Enter your agent PIN/],
  ['list', /Choose the (company|product|province|district|sector|cell|village):/],
  ['sale_confirm', /^Sale: ID [\s\S]*Type \d{4} to confirm/],
  ['unknown_reference', /No pending sale with this reference/],
  ['reference', /Enter the sale reference/],
  ['household', /Enter the household ID or voucher/],
  ['mismatch', /does not match this sale/],
  ['sale_registered', /Sale registered\. Ref \d+/],
  ['confirmed', /Sale \S+ confirmed/],
  ['already_subsidised', /already received a subsidised/],
  ['category_not_eligible', /gets no incentive/],
  ['blocked', /ongoing sale \(or a repossession\)/],
  ['budget_spent', /budget for category/],
  ['unavailable', /national system is not answering/],
  ['not_agent', /Only registered sales agents/],
  ['no_company', /No company is linked/],
  ['pin_locked', /PIN is locked/],
  ['no_products', /no products to sell/],
  ['sale_blocked', /another sale blocks/],
  ['sale_invalid', /cannot be registered/],
  ['already_used', /already been used/],
  ['session_expired', /session has expired/],
  ['bad_request', /request was incomplete/],
  ['error', /something went wrong/],
];

function classify(text: string): ScreenKind {
  for (const [kind, re] of SCREENS) if (re.test(text)) return kind;
  return 'unrecognised';
}

// ── the population and the virtual sessions ───────────────────────────────────────────────────────────

interface Household {
  householdId: string;
  category: string;
  voucherNumber: string;
  headNationalId: string;
  members: string[];
}

interface Agent {
  phone: string;
  pin: string;
}

interface PendingSale {
  reference: string;
  household: Household;
  agent: Agent;
}

/** What a hop makes the service do; latency is reported per kind. */
type HopKind = 'dial' | 'menu' | 'lookup' | 'pin' | 'register' | 'confirm';
const HOP_KINDS: Array<[HopKind, string]> = [
  ['dial', 'dial (new session)'],
  ['menu', 'menu / list / invalid input'],
  ['lookup', 'national ID (MEIS + OMIS lookup)'],
  ['pin', 'agent PIN (scrypt)'],
  ['register', 'sale confirmation code (registerSale)'],
  ['confirm', 'household at installation (confirmSale)'],
];

type OddVariant = 'bad_choice' | 'letters' | 'short_id' | 'back' | 'letters_id' | 'not_agent';
const ODD_VARIANTS: OddVariant[] = ['bad_choice', 'letters', 'short_id', 'back', 'letters_id', 'not_agent'];

type Plan =
  | { type: 'check'; id: string; expect: string; retryId: string | null; odd: OddVariant | null }
  | { type: 'register'; agent: Agent; household: Household; viaCheck: boolean; wander: boolean }
  | { type: 'confirm'; sale: PendingSale; wrongFirst: 'none' | 'reference' | 'household'; byVoucher: boolean };

interface NextHop {
  input: string;
  kind: HopKind;
}

/**
 * One phone's session: reads each screen and decides the next input, like an agent with the script
 * `plan` in mind. An unexpected screen ends it as an error instead of throwing.
 */
class VirtualSession {
  readonly sessionId = `ATUid_bench_${randomBytes(8).toString('hex')}`;
  readonly inputs: string[] = [];
  readonly startedAt = performance.now();
  hops = 0;
  outcome: string | null = null;
  /** Set when the outcome is not what the sandbox data says it should be. */
  surprise: string | null = null;
  next: NextHop = { input: '', kind: 'dial' };
  registered: PendingSale | null = null;
  private oddDone = false;
  private retried = false;
  private wandered = { more: false, back: false };
  private wrongDone = false;

  constructor(
    readonly phone: string,
    readonly plan: Plan,
    private readonly rnd: () => number,
  ) {}

  /** The `text` field of the next hop: every input so far plus the next one. */
  textOfNext(): string {
    return this.next.kind === 'dial' ? '' : [...this.inputs, this.next.input].join('*');
  }

  /** Takes the reply to `next`; returns false when the session is over (`outcome` set). */
  onReply(reply: Reply): boolean {
    if (this.next.kind !== 'dial') this.inputs.push(this.next.input);
    this.hops += 1;
    if (reply.problem) return this.finish(`error: ${reply.problem.replace(/\d+ ms/, 'N ms')}`);
    const screen = classify(reply.text);
    if (reply.end) return this.finish(this.endOutcome(screen, reply.text));
    if (this.hops >= MAX_HOPS_PER_SESSION) return this.finish('error: too many hops');
    const next = this.decide(screen, reply.text);
    if (!next) return false;
    this.next = next;
    return true;
  }

  private finish(outcome: string): false {
    this.outcome = outcome;
    const expected = this.expected();
    if (expected && outcome !== expected && !outcome.startsWith('error')) this.surprise = `${this.plan.type}: expected ${expected}, got ${outcome}`;
    return false;
  }

  private expected(): string | null {
    switch (this.plan.type) {
      case 'check':
        return this.plan.expect;
      case 'register':
        return 'registered';
      case 'confirm':
        return 'confirmed';
    }
  }

  private endOutcome(screen: ScreenKind, text: string): string {
    if (screen === 'sale_registered' && this.plan.type === 'register') {
      const reference = /Ref (\d{8})/.exec(text)?.[1];
      if (!reference) return 'error: registered without a reference';
      this.registered = { reference, household: this.plan.household, agent: this.plan.agent };
      return 'registered';
    }
    if (screen === 'pin_wrong' || screen === 'error' || screen === 'session_expired' || screen === 'bad_request' || screen === 'unrecognised') return `error: END ${screen}`;
    return screen;
  }

  private menu(input: string): NextHop {
    return { input, kind: 'menu' };
  }

  private decide(screen: ScreenKind, text: string): NextHop | null {
    const p = this.plan;
    switch (screen) {
      case 'language':
        return this.menu('1');
      case 'home': {
        if (p.type === 'check' && p.odd && !this.oddDone) {
          if (p.odd === 'bad_choice') return this.odd('7');
          if (p.odd === 'letters') return this.odd('abc');
          if (p.odd === 'not_agent') return this.odd('2');
        }
        if (p.type === 'check') return this.menu('1');
        if (p.type === 'register') return this.menu(p.viaCheck ? '1' : '2');
        return this.menu('3');
      }
      case 'enter_id':
      case 'unknown_id': {
        if (p.type === 'check' && p.odd && !this.oddDone && screen === 'enter_id') {
          if (p.odd === 'short_id') return this.odd(p.id.slice(0, 12));
          if (p.odd === 'letters_id') return this.odd(`${p.id.slice(0, 14)}ab`);
          if (p.odd === 'back') return this.odd('0');
        }
        if (screen === 'unknown_id') {
          // Typed an ID MEIS does not know: half the agents try another (the household head's), half give up.
          if (p.type === 'check' && p.retryId && !this.retried) {
            this.retried = true;
            return { input: p.retryId, kind: 'lookup' };
          }
          this.finish('unknown_id');
          return null;
        }
        if (p.type === 'check') return { input: p.id, kind: 'lookup' };
        if (p.type === 'register') return { input: pick(p.household.members, this.rnd), kind: 'lookup' };
        return this.unexpected(screen);
      }
      case 'eligible':
        if (p.type === 'register' && p.viaCheck) return this.menu('1');
        if (p.type === 'check') {
          // The agent has the answer and hangs up (the session is left on a CON screen).
          this.finish('eligible');
          return null;
        }
        return this.unexpected(screen);
      case 'pin':
        if (p.type === 'register') return { input: p.agent.pin, kind: 'pin' };
        if (p.type === 'confirm') return { input: p.sale.agent.pin, kind: 'pin' };
        return this.unexpected(screen);
      case 'list':
        return this.onList(text);
      case 'sale_confirm': {
        // The agent types the code the screen shows (the ID's last 4 digits).
        const code = /Type (\d{4}) to confirm/.exec(text)?.[1];
        return code ? { input: code, kind: 'register' } : this.unexpected(screen);
      }
      case 'reference':
        if (p.type !== 'confirm') return this.unexpected(screen);
        if (p.wrongFirst === 'reference' && !this.wrongDone) {
          this.wrongDone = true;
          return this.menu(String(10000000 + Math.floor(this.rnd() * 89999999)));
        }
        return this.menu(p.sale.reference);
      case 'unknown_reference':
        // Only after the wrong reference typed on purpose; the real one again would loop.
        if (p.type !== 'confirm' || p.wrongFirst !== 'reference' || this.retried) return this.unexpected(screen);
        this.retried = true;
        return this.menu(p.sale.reference);
      case 'household':
        if (p.type !== 'confirm') return this.unexpected(screen);
        if (p.wrongFirst === 'household' && !this.wrongDone) {
          this.wrongDone = true;
          return { input: '9999999999', kind: 'confirm' };
        }
        return { input: p.byVoucher ? p.sale.household.voucherNumber : p.sale.household.householdId, kind: 'confirm' };
      case 'mismatch':
        if (p.type !== 'confirm' || p.wrongFirst !== 'household') return this.unexpected(screen);
        return this.menu('1');
      default:
        return this.unexpected(screen);
    }
  }

  private odd(input: string): NextHop {
    this.oddDone = true;
    return this.menu(input);
  }

  private unexpected(screen: ScreenKind): null {
    this.finish(`error: unexpected CON ${screen}`);
    return null;
  }

  /** A list page: an entry on it at random; sometimes "98 More" or "0 Back" first, as people do. */
  private onList(text: string): NextHop | null {
    if (this.plan.type !== 'register') return this.unexpected('list');
    const numbers = [...text.matchAll(/^(\d+)\. /gm)].map((m) => m[1]);
    if (numbers.length === 0) return this.unexpected('list');
    if (this.plan.wander) {
      if (!this.wandered.more && /^98 More$/m.test(text)) {
        this.wandered.more = true;
        return this.menu('98');
      }
      if (!this.wandered.back && /Choose the (district|cell):/.test(text)) {
        this.wandered.back = true;
        return this.menu('0');
      }
    }
    return this.menu(pick(numbers, this.rnd));
  }
}

// ── the load: an open-loop schedule of hops over many sessions ────────────────────────────────────────

interface HopRecord {
  kind: HopKind;
  /** ms since the measured window started. */
  sentAt: number;
  ms: number;
  lateMs: number;
  status: number;
  problem: string | null;
}

interface Pools {
  checkEligible: string[];
  checkEligibleHeads: string[];
  categoryNotEligible: string[];
  subsidised: string[];
  ongoingSale: string[];
  repossession: string[];
  unknown: string[];
  forSale: Household[];
}

class LoadRunner {
  readonly records: HopRecord[] = [];
  readonly outcomes = new Map<string, number>();
  readonly surprises: string[] = [];
  readonly endEvents: number[] = [];
  endEventFailures = 0;
  phase: 'warmup' | 'measure' | 'drain' = 'warmup';
  windowStart = 0;
  slots = 0;
  unsent = 0;
  sessionsStarted = 0;
  sessionsAbandoned = 0;
  /** Most sessions open at once during the window. */
  peakOpen = 0;
  fallbacks = { registerPoolEmpty: 0, noPendingSale: 0 };
  private ready: VirtualSession[] = [];
  private open = 0;
  private readonly inflight = new Set<Promise<void>>();
  private readonly pendingSales: PendingSale[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly base: URL,
    private readonly agents: Agent[],
    private readonly pools: Pools,
    private readonly rnd: () => number,
  ) {}

  /** `seconds` of the schedule at `rate` hops/s; the sessions carry on into the next call. */
  async run(seconds: number, rate: number): Promise<number> {
    const start = performance.now();
    if (this.phase === 'measure') this.windowStart = start;
    const total = Math.round(seconds * rate);
    let k = 0;
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const now = performance.now();
        const due = Math.min(total, Math.floor(((now - start) / 1000) * rate) + 1);
        while (k < due) {
          this.dispatch(start + (k * 1000) / rate);
          k += 1;
        }
        if (k >= total) {
          clearInterval(tick);
          resolve();
        }
      }, 1);
    });
    return (performance.now() - start) / 1000;
  }

  /** Stops the sessions (users hang up) and waits for the requests under way. */
  async stop(): Promise<void> {
    this.phase = 'drain';
    for (const t of this.timers) clearTimeout(t);
    this.sessionsAbandoned = this.open;
    this.ready = [];
    while (this.inflight.size > 0) await Promise.all([...this.inflight]);
  }

  /** One slot of the schedule: the session that has waited longest for its next hop, else a new one. */
  private dispatch(slotAt: number): void {
    const measured = this.phase === 'measure';
    if (measured) this.slots += 1;
    let s = this.ready.shift();
    if (!s) {
      if (this.open >= MAX_OPEN_SESSIONS) {
        if (measured) this.unsent += 1;
        return;
      }
      s = this.newSession();
    }
    this.send(s, slotAt, measured);
  }

  private send(s: VirtualSession, slotAt: number, measured: boolean): void {
    const sentAt = performance.now();
    const kind = s.next.kind;
    const p = atHop(this.base, s.sessionId, s.phone, s.textOfNext()).then((reply) => {
      if (measured) this.records.push({ kind, sentAt: sentAt - this.windowStart, ms: reply.ms, lateMs: sentAt - slotAt, status: reply.status, problem: reply.problem });
      if (this.phase === 'drain') return;
      if (s.onReply(reply)) {
        const t = setTimeout(() => {
          this.timers.delete(t);
          this.ready.push(s);
        }, THINK_MS * (0.3 + 1.4 * this.rnd()));
        this.timers.add(t);
      } else {
        this.finished(s, reply);
      }
    });
    this.track(p);
  }

  private track(p: Promise<void>): void {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  private finished(s: VirtualSession, last: Reply): void {
    this.open -= 1;
    if (s.registered) this.pendingSales.push(s.registered);
    if (this.phase === 'measure') {
      const outcome = s.outcome ?? 'error: no outcome';
      this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
      if (s.surprise) this.surprises.push(s.surprise);
    }
    if (!END_EVENTS) return;
    // Africa's Talking's end-of-session notification (not a hop: not on the schedule, timed apart).
    const started = performance.now();
    const measured = this.phase === 'measure';
    const p = postForm(
      this.base,
      '/v1/ussd/africastalking/events',
      {
        sessionId: s.sessionId,
        serviceCode: SERVICE_CODE,
        networkCode: '63510',
        phoneNumber: s.phone,
        status: last.end && !last.problem ? 'Success' : 'Incomplete',
        cost: 'RWF 0.00',
        date: new Date().toISOString().replace('T', ' ').slice(0, 19),
        input: s.inputs.join('*'),
        hopsCount: String(s.hops),
        errorMessage: '',
        lastAppResponse: `${last.end ? 'END' : 'CON'} ${last.text}`.slice(0, 160),
        durationInMillis: String(Math.round(performance.now() - s.startedAt)),
      },
      HOP_TIMEOUT_MS,
    ).then(
      (res) => {
        if (!measured) return;
        if (res.status === 200) this.endEvents.push(performance.now() - started);
        else this.endEventFailures += 1;
      },
      () => {
        if (measured) this.endEventFailures += 1;
      },
    );
    this.track(p);
  }

  addPendingSales(sales: PendingSale[]): void {
    this.pendingSales.push(...sales);
  }

  private newSession(): VirtualSession {
    this.open += 1;
    if (this.phase === 'measure') this.peakOpen = Math.max(this.peakOpen, this.open);
    this.sessionsStarted += 1;
    const r = this.rnd();
    const plan = this.planFor(r);
    const phone = plan.type === 'check' ? checkPhone(this.rnd) : plan.type === 'register' ? plan.agent.phone : plan.sale.agent.phone;
    return new VirtualSession(phone, plan, this.rnd);
  }

  private planFor(r: number): Plan {
    if (r < MIX.register) {
      const household = this.pools.forSale.pop();
      if (household) return { type: 'register', agent: pick(this.agents, this.rnd), household, viaCheck: this.rnd() < 0.3, wander: this.rnd() < 0.3 };
      this.fallbacks.registerPoolEmpty += 1;
    } else if (r < MIX.register + MIX.confirm) {
      const sale = this.pendingSales.shift();
      if (sale) {
        const w = this.rnd();
        return { type: 'confirm', sale, wrongFirst: w < 0.1 ? 'reference' : w < 0.2 ? 'household' : 'none', byVoucher: this.rnd() < 0.5 };
      }
      this.fallbacks.noPendingSale += 1;
    } else if (r < MIX.register + MIX.confirm + MIX.odd) {
      const odd = pick(ODD_VARIANTS, this.rnd);
      return { type: 'check', id: pick(this.pools.checkEligible, this.rnd), expect: odd === 'not_agent' ? 'not_agent' : 'eligible', retryId: null, odd };
    }
    return checkPlan(this.pools, this.rnd);
  }
}

function checkPlan(pools: Pools, rnd: () => number): Plan {
  let x = rnd();
  const choose = (share: number) => (x -= share) < 0;
  if (choose(CHECK_MIX.eligible)) return { type: 'check', id: pick(pools.checkEligible, rnd), expect: 'eligible', retryId: null, odd: null };
  if (choose(CHECK_MIX.categoryNotEligible)) return { type: 'check', id: pick(pools.categoryNotEligible, rnd), expect: 'category_not_eligible', retryId: null, odd: null };
  if (choose(CHECK_MIX.subsidised)) return { type: 'check', id: pick(pools.subsidised, rnd), expect: 'already_subsidised', retryId: null, odd: null };
  if (choose(CHECK_MIX.ongoingSale)) return { type: 'check', id: pick(pools.ongoingSale, rnd), expect: 'blocked', retryId: null, odd: null };
  if (choose(CHECK_MIX.repossession)) return { type: 'check', id: pick(pools.repossession, rnd), expect: 'blocked', retryId: null, odd: null };
  const retryId = rnd() < 0.5 ? pick(pools.checkEligibleHeads, rnd) : null;
  return { type: 'check', id: pick(pools.unknown, rnd), expect: retryId ? 'eligible' : 'unknown_id', retryId, odd: null };
}

function checkPhone(rnd: () => number): string {
  return `+2507830${String(Math.floor(rnd() * CHECK_PHONES)).padStart(5, '0')}`;
}

/** One session straight through, without pauses; the reply of its (last) ID hop. */
async function runStraight(base: URL, s: VirtualSession): Promise<{ outcome: string; idHop: Reply | null }> {
  let idHop: Reply | null = null;
  for (;;) {
    const kind = s.next.kind;
    const reply = await atHop(base, s.sessionId, s.phone, s.textOfNext());
    if (kind === 'lookup') idHop = reply;
    if (!s.onReply(reply)) return { outcome: s.outcome ?? 'error: no outcome', idHop };
  }
}

function checkStraight(base: URL, id: string, phone: string, rnd: () => number): Promise<{ outcome: string; idHop: Reply | null }> {
  return runStraight(base, new VirtualSession(phone, { type: 'check', id, expect: 'eligible', retryId: null, odd: null }, rnd));
}

// ── main ──────────────────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const noiseCores = noiseFromEnv();
  let noise: { stop(): void } | undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limye-bench-ussd-'));
  fs.chmodSync(dir, 0o755);
  const services: StackServiceName[] = ['sandbox', 'eligibility'];
  const stack = new LocalStack({
    dataDir: dir,
    distDir: path.resolve(__dirname, '..'),
    portMode: 'free',
    persistent: false,
    services,
    env: { LOG_LEVEL: 'warn', SANDBOX_RWANDA_HOUSEHOLDS: '20000', ...BENCH_AUTH_ENV, ...benchEnvOverrides() },
    log: (l) => log(`  ${l}`),
  });
  process.on('exit', () => stack.killAll());
  const rnd = mulberry32(SEED);
  try {
    log(`Limye USSD benchmark (Africa's Talking): ${HOPS_PER_S} hops/s for ${DURATION_S} s after ${WARMUP_S} s of warm-up, OMIS and MEIS answering in ${NATIONAL_SYSTEMS_DELAY_MS} ms, on ${os.cpus().length} cores`);
    log(`  machine: nproc ${os.cpus().length}, ${os.cpus()[0]?.model?.trim() ?? 'unknown CPU'}; load average ${loadAverage()} at the start${noiseCores ? `; BENCH_NOISE ${noiseCores}` : ''}`);
    await stack.startInfrastructure();
    await stack.startServices();
    const sandbox = stack.url('sandbox');
    const eligibility = stack.url('eligibility');
    const base = new URL(eligibility);

    // Setup (not timed).
    const admin = (method: string, p: string, body?: unknown) => json(method, `${eligibility}${p}`, body); // with the bench's owner token
    const solar = await admin('POST', '/v1/companies', { code: 'SOLARCO', name: 'Solar Co Ltd' });
    const light = await admin('POST', '/v1/companies', { code: 'LIGHTCO', name: 'Light Co' });
    await admin('POST', `/v1/companies/${solar.id}/products`, { code: 'SHS-50W', name: 'SHS 50 W', priceRwf: 115000, incentiveCapRwf: 100000 });
    await admin('POST', `/v1/companies/${solar.id}/products`, { code: 'SHS-100W', name: 'SHS 100 W', priceRwf: 250000, incentiveCapRwf: 180000 });
    await admin('POST', `/v1/companies/${light.id}/products`, { code: 'LAMP-KIT', name: 'Lamp kit', priceRwf: 45000, incentiveCapRwf: 40000 });
    const agents: Agent[] = [];
    for (let i = 0; i < AGENTS; i++) {
      const agent = { phone: `+25078800${String(i).padStart(4, '0')}`, pin: String(1000 + Math.floor(rnd() * 9000)) };
      // A quarter of the agents sell for both companies (they get the company list).
      await admin('POST', '/v1/agents', { phone: agent.phone, name: `Bench agent ${i}`, pin: agent.pin, companyIds: i % 4 === 3 ? [solar.id, light.id] : [solar.id] });
      agents.push(agent);
    }
    for (const tier of [1, 2, 3]) await admin('PUT', `/v1/budgets/${tier}`, { totalRwf: 1_000_000_000_000 });
    for (const target of ['omis', 'meis']) await json('PUT', `${sandbox}/sandbox/faults/${target}`, { mode: 'slow', delayMs: NATIONAL_SYSTEMS_DELAY_MS });

    const households = async (status: string, category: string, limit: number): Promise<Household[]> => {
      const out: Household[] = [];
      for (let offset = 0; out.length < limit; offset += 500) {
        const page = await json('GET', `${sandbox}/sandbox/rwanda/households?status=${status}&category=${category}&limit=500&offset=${offset}`);
        const list = page.households as Array<{ householdId: string; category: string; voucherNumber: string; headNationalId: string; members: Array<{ nationalId: string }> }>;
        out.push(...list.map((h) => ({ householdId: h.householdId, category: h.category, voucherNumber: h.voucherNumber, headNationalId: h.headNationalId, members: h.members.map((m) => m.nationalId) })));
        if (list.length < 500) break;
      }
      return out.slice(0, limit);
    };
    const ids = (hs: Household[]) => hs.flatMap((h) => h.members);
    const eligibleCats = ['1', '2', '3', 'C', 'D', 'E'];
    const eligibleHouseholds = shuffle((await Promise.all(eligibleCats.map((c) => households('eligible', c, 700)))).flat(), rnd);
    // Registrations each use up a household; checks only read theirs: two disjoint pools.
    const forSale = eligibleHouseholds.slice(0, 2000);
    const checkHouseholds = eligibleHouseholds.slice(2000);
    const pools: Pools = {
      checkEligible: ids(checkHouseholds),
      checkEligibleHeads: checkHouseholds.map((h) => h.headNationalId),
      categoryNotEligible: ids((await Promise.all(['4', 'A', 'B'].map((c) => households('eligible', c, 300)))).flat()),
      subsidised: ids(await households('subsidised', '1', 300)).concat(ids(await households('subsidised', '2', 300))),
      ongoingSale: ids(await households('ongoing_sale', '1', 300)).concat(ids(await households('ongoing_sale', '3', 300))),
      repossession: ids(await households('repossession', '2', 300)),
      unknown: (await Promise.all([0, 1, 2].map(() => json('GET', `${sandbox}/sandbox/rwanda/unknown-national-ids?count=100`)))).flatMap((r) => r.nationalIds as string[]),
      forSale,
    };
    log(
      `  setup: 2 companies, 3 products, ${AGENTS} agents, budgets for tiers 1–3; pools: ${forSale.length} households for sales, ` +
        `${checkHouseholds.length} eligible households (${pools.checkEligible.length} IDs) for checks, ${pools.categoryNotEligible.length} IDs of categories 4/A/B, ` +
        `${pools.subsidised.length} subsidised, ${pools.ongoingSale.length} with an ongoing sale, ${pools.repossession.length} repossessed, ${pools.unknown.length} unknown`,
    );

    const runner = new LoadRunner(base, agents, pools, rnd);
    // Sales to confirm from the first second on (registrations during the run add more).
    const seeded: PendingSale[] = [];
    await inBatches(Array.from({ length: SEED_SALES }, (_, i) => i), 4, async () => {
      const household = pools.forSale.pop() as Household;
      const agent = pick(agents, rnd);
      const s = new VirtualSession(agent.phone, { type: 'register', agent, household, viaCheck: false, wander: false }, rnd);
      const r = await runStraight(base, s);
      if (s.registered) seeded.push(s.registered);
      else throw new Error(`setup registration failed: ${r.outcome}`);
    });
    runner.addPendingSales(seeded);
    log(`  setup: ${seeded.length} sales registered through USSD, to be confirmed during the run`);
    if (noiseCores > 0) {
      noise = startCpuNoise(noiseCores);
      log(`  BENCH_NOISE: a CPU burner takes ${noiseCores} core from now to the end`);
    }
    if (WARMUP_S > 0) {
      log(`  warm-up: ${WARMUP_S} s at ${HOPS_PER_S} hops/s (not measured)…`);
      await runner.run(WARMUP_S, HOPS_PER_S);
    }

    const elig = stack.service('eligibility');
    const sand = stack.service('sandbox');
    const peaks = new Map<string, number>();
    const sampler = setInterval(() => {
      for (const [name, pid] of [['eligibility', elig.pid], ['sandbox', sand.pid]] as const) void sampleRss(name, pid, peaks);
    }, 1000);
    // Scraping also resets the event-loop delay statistics, so the second scrape covers the window alone.
    const metricsBefore = parseMetrics(await text(`${eligibility}/metrics`));
    const sandboxBefore = parseMetrics(await text(`${sandbox}/metrics`));
    if (process.env.BENCH_PG_STATS) await pgStatements(stack.databaseUrl, 'reset');
    const cpuBefore = await cpuSnapshot(elig.pid);
    const txBefore = await committedTransactions(stack.databaseUrl);

    log(`  measuring: ${DURATION_S} s at ${HOPS_PER_S} hops/s…`);
    // Every 5 s: how busy the machine is and how much of that is other people's processes (a shared machine).
    const cpuTimeline: CpuSnapshot[] = [cpuBefore];
    const cpuTicker = setInterval(() => void cpuSnapshot(elig.pid).then((c) => cpuTimeline.push(c)), 5000);
    runner.phase = 'measure';
    const windowSeconds = await runner.run(DURATION_S, HOPS_PER_S);
    clearInterval(cpuTicker);
    // The last 5 s ends with the window (unless the ticker just took that snapshot).
    if (performance.now() / 1000 - cpuTimeline[cpuTimeline.length - 1].at > 1) cpuTimeline.push(await cpuSnapshot(elig.pid));
    await runner.stop();
    clearInterval(sampler);
    const cpuAfter = await cpuSnapshot(elig.pid);
    const txAfter = await committedTransactions(stack.databaseUrl);
    const metricsAfter = parseMetrics(await text(`${eligibility}/metrics`));
    const sandboxAfter = parseMetrics(await text(`${sandbox}/metrics`));
    for (const [name, pid] of [['eligibility', elig.pid], ['sandbox', sand.pid]] as const) await sampleRss(name, pid, peaks);

    printLoadResults(runner, windowSeconds, cpuTimeline, cpuAfter, txAfter - txBefore, metricsBefore, metricsAfter, peaks, noiseCores);
    printRuntime('eligibility', metricsBefore, metricsAfter);
    printRuntime('sandbox', sandboxBefore, sandboxAfter);
    if (process.env.BENCH_PG_STATS) {
      await pgStatements(stack.databaseUrl, 'print');
      await printUssdTables(stack.databaseUrl);
    }

    // Outage: OMIS never answers, then MEIS is down; then everything answers again.
    log('');
    log(`Outage (${OUTAGE_SESSIONS} check sessions at ${OUTAGE_SESSIONS_PER_S}/s each; eligible IDs, so OMIS must answer too)`);
    const outageIds = () => Array.from({ length: OUTAGE_SESSIONS }, () => pick(pools.checkEligibleHeads, rnd));
    await json('PUT', `${sandbox}/sandbox/faults/omis`, { mode: 'timeout' });
    await outage('OMIS timeout (never answers)', base, outageIds(), rnd);
    await json('PUT', `${sandbox}/sandbox/faults/omis`, { mode: 'slow', delayMs: NATIONAL_SYSTEMS_DELAY_MS });
    await recovery('OMIS back (slow 50 ms)', base, pools, rnd);
    await json('PUT', `${sandbox}/sandbox/faults/meis`, { mode: 'down' });
    await outage('MEIS down (connection closed)', base, outageIds(), rnd);
    await json('DELETE', `${sandbox}/sandbox/faults`);
    await recovery('faults cleared (OMIS and MEIS at full speed)', base, pools, rnd);
    const after = await Promise.all(Array.from({ length: 20 }, (_, i) => sleep(i * 100).then(() => checkStraight(base, pick(pools.checkEligibleHeads, rnd), checkPhone(rnd), rnd))));
    const afterMs = after.map((r) => r.idHop?.ms ?? NaN).filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
    log(`  then 20 checks: ${countBy(after.map((r) => r.outcome))}; ID hop p50/max ${fmt(percentile(afterMs, 50))} / ${fmt(afterMs[afterMs.length - 1])} ms`);
  } finally {
    noise?.stop();
    await stack.stop().catch(() => undefined);
    keepAlive.destroy();
    // BENCH_KEEP_DIR=1 keeps the services' logs (and any --cpu-prof output written there) for a look afterwards.
    if (process.env.BENCH_KEEP_DIR) log(`  kept ${dir} (logs in ${path.join(dir, 'logs')})`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function outage(label: string, base: URL, ids: string[], rnd: () => number): Promise<void> {
  const results = await Promise.all(ids.map((id, i) => sleep((i * 1000) / OUTAGE_SESSIONS_PER_S).then(() => checkStraight(base, id, checkPhone(rnd), rnd))));
  const times = results.map((r) => r.idHop?.ms ?? NaN).filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  const polite = results.filter((r) => r.idHop && !r.idHop.problem && r.idHop.end && classify(r.idHop.text) === 'unavailable').length;
  const httpProblems = results.filter((r) => r.idHop?.problem).length;
  const con = results.filter((r) => r.idHop && !r.idHop.problem && !r.idHop.end).length;
  const within3s = times.filter((t) => t <= 3000).length;
  log(`  ${label}:`);
  log(`    time to the reply of the ID hop p50/p99/max: ${fmt(percentile(times, 50))} / ${fmt(percentile(times, 99))} / ${fmt(times[times.length - 1])} ms; within 3 s: ${within3s}/${times.length}`);
  log(`    polite END ("The national system is not answering…"): ${polite}/${results.length}; CON instead: ${con}; HTTP/transport problems: ${httpProblems}; sessions by outcome: ${countBy(results.map((r) => r.outcome))}`);
  const slow = times.filter((t) => t > 1000).length;
  log(`    ID hops answered after more than 1 s: ${slow}/${times.length} (once the service's circuit breaker is open, the END comes at once)`);
}

/** After a fault is lifted: one check every 500 ms until one is eligible again (the circuit breaker needs its trial). */
async function recovery(label: string, base: URL, pools: Pools, rnd: () => number): Promise<void> {
  const started = performance.now();
  const seen: string[] = [];
  while (performance.now() - started < 30000) {
    const r = await checkStraight(base, pick(pools.checkEligibleHeads, rnd), checkPhone(rnd), rnd);
    seen.push(r.outcome);
    if (r.outcome === 'eligible') break;
    await sleep(500);
  }
  const ok = seen[seen.length - 1] === 'eligible';
  log(`  ${label}: ${ok ? `eligible again after ${((performance.now() - started) / 1000).toFixed(1)} s` : 'NOT eligible again within 30 s'} (${seen.length} checks: ${countBy(seen)})`);
}

// ── results ───────────────────────────────────────────────────────────────────────────────────────────

function printLoadResults(
  runner: LoadRunner,
  windowSeconds: number,
  cpuTimeline: CpuSnapshot[],
  cpuAfter: CpuSnapshot,
  pgTransactions: number,
  metricsBefore: Metrics,
  metricsAfter: Metrics,
  peaks: Map<string, number>,
  noiseCores: number,
): void {
  const recs = runner.records;
  const answered = recs.filter((r) => r.problem === null);
  const all = recs.filter((r) => r.status !== 0).map((r) => r.ms).sort((a, b) => a - b);
  const late = recs.filter((r) => r.lateMs > LATE_MS).length;
  const lateness = recs.map((r) => r.lateMs).sort((a, b) => a - b);
  log('');
  log('Results');
  log(`  offered:   ${runner.slots} hops in ${windowSeconds.toFixed(1)} s = ${(runner.slots / windowSeconds).toFixed(1)} hops/s; sent ${recs.length}, not sent (session cap) ${runner.unsent}; late by > ${LATE_MS} ms: ${late} (lateness p99 ${fmt(percentile(lateness, 99))} ms, max ${fmt(lateness[lateness.length - 1])} ms)`);
  log(`  achieved:  ${answered.length} proper replies (200, CON/END) = ${(answered.length / windowSeconds).toFixed(1)} hops/s`);
  const problems = countBy(recs.filter((r) => r.problem !== null).map((r) => r.problem as string));
  log(`  not proper replies: ${recs.length - answered.length}${problems ? ` (${problems})` : ''}`);
  log(`  hop latency (request sent → reply received) p50/p95/p99/max: ${fmt(percentile(all, 50))} / ${fmt(percentile(all, 95))} / ${fmt(percentile(all, 99))} / ${fmt(all[all.length - 1])} ms over ${all.length} hops`);
  log('  by kind                                       hops     p50     p95     p99     max (ms)');
  for (const [kind, label] of HOP_KINDS) {
    const xs = recs.filter((r) => r.kind === kind && r.status !== 0).map((r) => r.ms).sort((a, b) => a - b);
    if (xs.length === 0) continue;
    log(`    ${label.padEnd(42)} ${String(xs.length).padStart(5)} ${[50, 95, 99].map((p) => fmt(percentile(xs, p)).padStart(7)).join(' ')} ${fmt(xs[xs.length - 1]).padStart(7)}`);
  }
  const timeline: string[] = [];
  for (let t = 0, i = 0; t < windowSeconds; t += 5, i++) {
    const xs = recs.filter((r) => r.sentAt >= t * 1000 && r.sentAt < (t + 5) * 1000 && r.status !== 0).map((r) => r.ms).sort((a, b) => a - b);
    const [a, b] = [cpuTimeline[i], cpuTimeline[i + 1]];
    const load = a && b ? ` (${((b.machineBusy - a.machineBusy) / (b.at - a.at)).toFixed(1)}/${(Math.max(0, b.machineBusy - a.machineBusy - (sumKinds(b) - sumKinds(a))) / (b.at - a.at)).toFixed(1)})` : '';
    if (xs.length) timeline.push(`${t}: ${fmt(percentile(xs, 99))}${load}`);
  }
  log(`  p99 by 5 s of the window (s: ms (cores busy on the machine / of them other processes')): ${timeline.join(', ')}`);

  const server = histogramDelta(metricsBefore, metricsAfter, 'limye_ussd_hop_duration_seconds', (l) => l.gateway === 'africastalking');
  if (server) {
    log(`  inside the service (limye_ussd_hop_duration_seconds, bucket-interpolated) p50/p95/p99: ${[0.5, 0.95, 0.99].map((q) => fmt(histogramQuantile(server, q) * 1000)).join(' / ')} ms (mean ${fmt((server.sum / server.count) * 1000)} ms)`);
  }
  const national: string[] = [];
  for (const system of ['meis', 'omis']) {
    for (const route of nationalRoutes(metricsAfter, system)) {
      const h = histogramDelta(metricsBefore, metricsAfter, 'limye_outbound_request_duration_seconds', (l) => l.system === system && `${l.method} ${l.route}` === route && l.outcome === '2xx');
      if (h && h.count > 0) national.push(`${system.toUpperCase()} ${route} ${h.count} × mean ${fmt((h.sum / h.count) * 1000)} ms, p99 ≤ ${fmt(histogramQuantile(h, 0.99) * 1000)} ms`);
    }
  }
  if (national.length) log(`  national-system calls (2xx, one attempt, seen by the service): ${national.join('; ')}`);

  log(`  sessions: ${runner.sessionsStarted} started in all, up to ${runner.peakOpen} open at once; completed in the window by outcome: ${countBy([...runner.outcomes.entries()].flatMap(([k, n]) => Array(n).fill(k)))}`);
  const errors = [...runner.outcomes.entries()].filter(([k]) => k.startsWith('error')).reduce((n, [, v]) => n + v, 0);
  log(`  session errors: ${errors}; outcomes other than the sandbox data predicts: ${runner.surprises.length}${runner.surprises.length ? ` (${countBy(runner.surprises.slice(0, 200))})` : ''}`);
  log(`  open at the end (hung up): ${runner.sessionsAbandoned}; register sessions without a household left: ${runner.fallbacks.registerPoolEmpty}; confirm sessions without a pending sale (became checks): ${runner.fallbacks.noPendingSale}`);
  if (END_EVENTS) {
    const ev = [...runner.endEvents].sort((a, b) => a - b);
    log(`  end-of-session notifications (not hops): ${ev.length} answered 200 (p50/p99 ${fmt(percentile(ev, 50))} / ${fmt(percentile(ev, 99))} ms), ${runner.endEventFailures} failed`);
  }

  const hops = Math.max(1, recs.length);
  const cpuBefore = cpuTimeline[0];
  const cpu = [...cpuAfter.byKind.entries()].map(([k, v]) => [k, v - (cpuBefore.byKind.get(k) ?? 0)] as const).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  const ours = cpu.reduce((n, [, v]) => n + v, 0);
  log(`  CPU per hop (ms): ${cpu.map(([k, v]) => `${k} ${((v * 1000) / hops).toFixed(2)}`).join(', ')} (total ${((ours * 1000) / hops).toFixed(2)})`);
  const busy = cpuAfter.machineBusy - cpuBefore.machineBusy;
  const wall = cpuAfter.at - cpuBefore.at;
  const user = cpuAfter.eligibility.user - cpuBefore.eligibility.user;
  const kernel = cpuAfter.eligibility.kernel - cpuBefore.eligibility.kernel;
  log(`  eligibility CPU per hop: ${((user * 1000) / hops).toFixed(2)} ms in user space, ${((kernel * 1000) / hops).toFixed(2)} ms in the kernel (its socket reads and writes)`);
  const noise = cpuAfter.noise - cpuBefore.noise;
  log(
    `  machine CPU over the window: ${(busy / wall).toFixed(2)} of ${os.cpus().length} cores busy; this benchmark's processes ${(ours / wall).toFixed(2)}, other processes ${(Math.max(0, busy - ours) / wall).toFixed(2)}` +
      `${noiseCores ? ` (of them the BENCH_NOISE burner ${(noise / wall).toFixed(2)}, asked ${noiseCores})` : ''}; load average at the end ${loadAverage()}`,
  );
  log(`  PostgreSQL transactions per hop: ${(pgTransactions / hops).toFixed(2)}`);
  log(`  peak memory (RSS): eligibility ${((peaks.get('eligibility') ?? 0) / 1048576).toFixed(0)} MiB, sandbox ${((peaks.get('sandbox') ?? 0) / 1048576).toFixed(0)} MiB`);
}

/** BENCH_PG_STATS: how the USSD tables are written (HOT updates need no index change; TOAST'd state costs more). */
async function printUssdTables(url: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const tables = await c.query(
      `SELECT relname, n_tup_ins::bigint AS ins, n_tup_upd::bigint AS upd, n_tup_hot_upd::bigint AS hot, n_tup_del::bigint AS del
         FROM pg_stat_user_tables WHERE schemaname = 'eligibility' AND relname IN ('ussd_sessions', 'ussd_requests', 'ussd_phone_languages') ORDER BY relname`,
    );
    log(`  USSD tables (inserts, updates, of them HOT, deletes): ${tables.rows.map((r) => `${r.relname} ${r.ins}/${r.upd}/${r.hot}/${r.del}`).join('; ')}`);
    const [state] = (await c.query(`SELECT round(avg(pg_column_size(state)))::int AS avg, max(pg_column_size(state))::int AS max, count(*)::int AS n FROM eligibility.ussd_sessions`)).rows;
    log(`  ussd_sessions.state: ${state.n} rows, stored size avg ${state.avg ?? 0} B, max ${state.max ?? 0} B`);
  } finally {
    await c.end();
  }
}

/** A Node process's event-loop delay and garbage collection over the window (prom-client default metrics). */
function printRuntime(name: string, before: Metrics, after: Metrics): void {
  const gauge = (metric: string) => after.find((m) => m.name === `limye_nodejs_${metric}`)?.value ?? NaN;
  const gc = ['minor', 'major', 'incremental']
    .map((kind) => [kind, histogramDelta(before, after, 'limye_nodejs_gc_duration_seconds', (l) => l.kind === kind)] as const)
    .filter(([, h]) => h && h.count > 0)
    .map(([kind, h]) => `${kind} ${h?.count} × ${fmt(((h?.sum ?? 0) / (h?.count ?? 1)) * 1000)} ms (max bucket ≤ ${fmt(histogramQuantile(h as Histogram, 1) * 1000)} ms)`);
  log(
    `  ${name}: event-loop delay p50/p99/max ${fmt(gauge('eventloop_lag_p50_seconds') * 1000)} / ${fmt(gauge('eventloop_lag_p99_seconds') * 1000)} / ${fmt(gauge('eventloop_lag_max_seconds') * 1000)} ms; ` +
      `GC ${gc.join(', ') || 'none'}; heap used/total ${(gauge('heap_size_used_bytes') / 1048576).toFixed(0)}/${(gauge('heap_size_total_bytes') / 1048576).toFixed(0)} MiB, ` +
      `external ${(gauge('external_memory_bytes') / 1048576).toFixed(0)} MiB`,
  );
}

// ── measuring helpers ─────────────────────────────────────────────────────────────────────────────────

interface CpuSnapshot {
  byKind: Map<string, number>;
  /** Busy CPU seconds of the whole machine (all cores). */
  machineBusy: number;
  /** Wall-clock seconds. */
  at: number;
  /** CPU seconds of the BENCH_NOISE burners so far (not in byKind: they are the machine's other load). */
  noise: number;
  /** The eligibility service's CPU seconds so far, in user space and in the kernel (socket reads and writes). */
  eligibility: { user: number; kernel: number };
}

/**
 * CPU seconds used so far by this benchmark's own processes (itself and its descendants: the services,
 * postgres, nats-server), grouped by kind; other engineers' processes on a shared machine are left out,
 * and shown apart as the machine's busy time less ours.
 */
async function cpuSnapshot(eligibilityPid?: number): Promise<CpuSnapshot> {
  // The burner counts as the machine's other load, not ours.
  const byKind = await ownCpuByKind(NOISE_MARK, false);
  const { total, idle } = await machineCpu();
  const [noise, eligibility] = await Promise.all([markedChildrenCpu(NOISE_MARK), processCpu(eligibilityPid)]);
  return { byKind, machineBusy: (total - idle) / 100, at: performance.now() / 1000, noise, eligibility }; // ticks: USER_HZ 100
}

/** /proc/<pid>/stat's utime and stime, in seconds (zeros when the process is gone or unknown). */
async function processCpu(pid: number | undefined): Promise<{ user: number; kernel: number }> {
  if (!pid) return { user: 0, kernel: 0 };
  try {
    const stat = (await fs.promises.readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
    return { user: Number(stat[11]) / 100, kernel: Number(stat[12]) / 100 };
  } catch {
    return { user: 0, kernel: 0 };
  }
}

/** CPU seconds of this process's children whose command line carries `mark` (the BENCH_NOISE burners). */
async function markedChildrenCpu(mark: string): Promise<number> {
  let seconds = 0;
  for (const pid of await fs.promises.readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = (await fs.promises.readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
      if (Number(stat[1]) !== process.pid) continue;
      if (!(await fs.promises.readFile(`/proc/${pid}/cmdline`, 'utf8')).includes(mark)) continue;
      seconds += (Number(stat[11]) + Number(stat[12])) / 100;
    } catch {
      /* ended meanwhile */
    }
  }
  return seconds;
}

function loadAverage(): string {
  return os.loadavg().map((x) => x.toFixed(2)).join(' ');
}

function sumKinds(c: CpuSnapshot): number {
  return [...c.byKind.values()].reduce((n, v) => n + v, 0);
}


type Metrics = Array<{ name: string; labels: Record<string, string>; value: number }>;

function parseMetrics(body: string): Metrics {
  const out: Metrics = [];
  for (const line of body.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
    out.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return out;
}

interface Histogram {
  buckets: Array<{ le: number; count: number }>;
  sum: number;
  count: number;
}

/** The histogram's increase between two scrapes, over the series `match` selects. */
function histogramDelta(before: Metrics, after: Metrics, name: string, match: (labels: Record<string, string>) => boolean): Histogram | null {
  const total = (ms: Metrics, suffix: string, le?: string) =>
    ms.filter((m) => m.name === `${name}${suffix}` && match(m.labels) && (le === undefined || m.labels.le === le)).reduce((n, m) => n + m.value, 0);
  const les = [...new Set(after.filter((m) => m.name === `${name}_bucket` && match(m.labels)).map((m) => m.labels.le))];
  if (les.length === 0) return null;
  const buckets = les
    .map((le) => ({ le: le === '+Inf' ? Infinity : Number(le), count: total(after, '_bucket', le) - total(before, '_bucket', le) }))
    .sort((a, b) => a.le - b.le);
  return { buckets, sum: total(after, '_sum') - total(before, '_sum'), count: total(after, '_count') - total(before, '_count') };
}

/** As Prometheus's histogram_quantile: linear within the bucket the quantile falls in. */
function histogramQuantile(h: Histogram, q: number): number {
  const n = h.buckets[h.buckets.length - 1]?.count ?? 0;
  if (n === 0) return NaN;
  const rank = q * n;
  let prevLe = 0;
  let prevCount = 0;
  for (const b of h.buckets) {
    if (b.count >= rank) {
      if (b.le === Infinity) return prevLe;
      return prevLe + ((b.le - prevLe) * (rank - prevCount)) / Math.max(1, b.count - prevCount);
    }
    prevLe = b.le;
    prevCount = b.count;
  }
  return prevLe;
}

/** "GET /v1/persons/{nationalId}" and the like: the routes a national system was called on. */
function nationalRoutes(ms: Metrics, system: string): string[] {
  return [...new Set(ms.filter((m) => m.name === 'limye_outbound_request_duration_seconds_count' && m.labels.system === system).map((m) => `${m.labels.method} ${m.labels.route}`))];
}

// ── small helpers ─────────────────────────────────────────────────────────────────────────────────────

async function text(url: string): Promise<string> {
  return (await fetch(url)).text();
}

function fmt(ms: number | undefined): string {
  if (ms === undefined || Number.isNaN(ms)) return '–';
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

function countBy(xs: string[]): string {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
}

function pick<T>(xs: readonly T[], rnd: () => number): T {
  if (xs.length === 0) throw new Error('pick from an empty pool');
  return xs[Math.floor(rnd() * xs.length)];
}

function shuffle<T>(xs: T[], rnd: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/** Seeded PRNG, so two runs offer the same sessions in the same order. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got '${raw}'`);
  return n;
}

function sessionMix(raw: string): { check: number; odd: number; register: number; confirm: number } {
  const parts = Object.fromEntries(raw.split(',').filter(Boolean).map((kv) => kv.split(':').map((x) => x.trim())));
  const shares = { check: Number(parts.check ?? 0), odd: Number(parts.odd ?? 0), register: Number(parts.register ?? 0), confirm: Number(parts.confirm ?? 0) };
  const total = shares.check + shares.odd + shares.register + shares.confirm;
  if (!Object.values(shares).every((x) => Number.isFinite(x) && x >= 0) || total <= 0) throw new Error(`BENCH_MIX must look like check:74,odd:10,register:9,confirm:7, got '${raw}'`);
  return { check: shares.check / total, odd: shares.odd / total, register: shares.register / total, confirm: shares.confirm / total };
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
