import { LocalStack } from '@limye/local-stack';
import { authHeader, eventually, http, JsonResponse } from '@limye/testing';
import { suffix } from './e2e-helpers';
import { AfricasTalkingDialer, ArkeselDialer, Dialer, rwandaPhone, Screen } from './ussd-dialers';

/** A budget large enough that no test of the file runs out of it unless it means to. */
export const LARGE_BUDGET_RWF = 1_000_000_000;

export type Lang = 'en' | 'rw';
export type HouseholdStatus = 'eligible' | 'subsidised' | 'ongoing_sale' | 'repossession';

export interface Household {
  householdId: string;
  category: string;
  headNationalId: string;
  members: { nationalId: string; isHead: boolean }[];
  memberCount: number;
  voucherNumber: string;
  location: { province: string; district: string; sector: string; cell: string; village: string };
  omis: { subsidised: boolean; ongoingSale: unknown; repossession: boolean };
}

export interface Budget {
  tier: number;
  totalRwf: number;
  reservedRwf: number;
  spentRwf: number;
  availableRwf: number;
}

export interface OmisView {
  sale: { reference: string; status: string; householdId: string; incentiveRwf: number; vouchersUsed: number; confirmedAt: string | null } | null;
  requests: { put: number; confirmation: number; cancellation: number };
}

export interface Agent {
  id: string;
  phone: string;
  pin: string;
}

/**
 * What each screen means, per language, as patterns on key words and numbers (not the exact wording, which
 * the USSD folder's owner may still polish). A pattern with a group captures the number that matters.
 */
export const SCREENS: Record<Lang, Record<string, RegExp>> = {
  en: {
    language: /Choose a language[\s\S]*1\. English[\s\S]*2\. Ikinyarwanda/,
    home: /Welcome[\s\S]*1\. Check eligibility[\s\S]*2\. Register a sale[\s\S]*3\. Confirm a sale/,
    enterId: /Enter the national ID/,
    unknownId: /ID not found[\s\S]*household head/,
    eligible: /Eligible: incentive (\d+)% \(category (\w+)\)[\s\S]*1\. Register a sale/,
    pin: /Enter your agent PIN/,
    wrongPin: /Wrong PIN, (\d) tr(?:y|ies) left[\s\S]*Enter your agent PIN/,
    pinLocked: /Too many wrong PINs[\s\S]*locked until (\d{1,2}:\d{2})/,
    company: /Choose the company/,
    product: /Choose the product/,
    province: /Choose the province/,
    district: /Choose the district/,
    sector: /Choose the sector/,
    cell: /Choose the cell/,
    village: /Choose the village/,
    saleConfirm: /Incentive ([\d,]+) RWF[\s\S]*Type (\d{4}) to confirm/,
    registered: /Sale registered\. Ref (\d{8})\. Incentive ([\d,]+) RWF reserved/,
    reference: /Enter the sale reference/,
    household: /Enter the household ID or voucher/,
    confirmed: /Sale (\d{8}) confirmed/,
    subsidised: /Not eligible: this household already received a subsidised system/,
    blocked: /Not eligible now: an ongoing sale \(or a repossession\) blocks this household/,
    budgetSpent: /Currently not eligible: the budget for category (\w+) is used up/,
    notAgent: /Only registered sales agents can register or confirm a sale/,
    unavailable: /not answering[\s\S]*try again/i,
    invalidChoice: /^Invalid choice\./,
    digitsOnly: /^Use the number keys only\./,
    empty: /^You typed nothing\./,
    idNotDigits: /^An ID has digits only\./,
    idWrongLength: /^An ID has 16 digits, you typed (\d+)\./,
    badRequest: /request was incomplete[\s\S]*dial again/i,
  },
  rw: {
    language: /Hitamo ururimi[\s\S]*1\. English[\s\S]*2\. Ikinyarwanda/,
    home: /Murakaza neza[\s\S]*1\. Reba niba urugo rwemerewe[\s\S]*2\. Andika igurisha[\s\S]*3\. Emeza igurisha/,
    enterId: /Andika nimero y'indangamuntu/,
    eligible: /Urugo rwemerewe nkunganire ya (\d+)% \(icyiciro (\w+)\)[\s\S]*1\. Andika igurisha/,
    pin: /Andika PIN/,
    company: /Hitamo kompanyi/,
    product: /Hitamo igicuruzwa/,
    province: /Hitamo Intara/,
    district: /Hitamo Akarere/,
    sector: /Hitamo Umurenge/,
    cell: /Hitamo Akagari/,
    village: /Hitamo Umudugudu/,
    saleConfirm: /Nkunganire ([\d,]+) Frw[\s\S]*Andika (\d{4}) wemeze/,
    registered: /Igurisha ryanditswe\. Nimero (\d{8})\. Nkunganire ya ([\d,]+) Frw/,
    reference: /Andika nimero y'igurisha/,
    household: /Andika nimero y'urugo cyangwa iya voucher/,
    confirmed: /Igurisha (\d{8}) ryemejwe/,
    subsidised: /Ntirwemerewe: uru rugo rwamaze guhabwa/,
    blocked: /Ntirwemerewe ubu: uru rugo rufite igurisha ritararangira/,
    budgetSpent: /amafaranga ya nkunganire y'icyiciro (\w+) yarashize/,
    notAgent: /Abacuruzi banditse gusa/,
  },
};

/** Asserts a screen is `kind` in `lang` and open (CON) or closed (END); returns the pattern's match. */
export function expectScreen(screen: Screen, lang: Lang, kind: string, end: boolean): RegExpExecArray {
  const pattern = SCREENS[lang][kind];
  if (!pattern) throw new Error(`no pattern for ${lang}.${kind}`);
  const m = pattern.exec(screen.text);
  if (!m || screen.end !== end) {
    throw new Error(`expected ${end ? 'END' : 'CON'} ${lang}.${kind} (${pattern}), got ${screen.end ? 'END' : 'CON'} ${JSON.stringify(screen.text)}`);
  }
  return m;
}

/** "85,000" → 85000 */
export const rwf = (shown: string): number => Number(shown.replace(/,/g, ''));

/** How the service masks a national ID (maskId of @limye/platform): all but the last 4 characters as '*'. */
export const masked = (id: string): string => `${'*'.repeat(id.length - 4)}${id.slice(-4)}`;

/** The numbered entries of a list screen. */
export function listEntries(text: string): Array<{ key: string; label: string }> {
  return [...text.matchAll(/^(\d+)\. (.+)$/gm)].map((m) => ({ key: m[1], label: m[2] }));
}

/** Today's date in Kigali (UTC+2, no daylight saving), as YYYY-MM-DD. */
export function kigaliDate(at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Kigali', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** HH:MM in Kigali. */
export function kigaliHhMm(at: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Africa/Kigali', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/** A minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF), enough for the request-log export. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The eligibility service and the sandbox's OMIS/MEIS, as the e2e tests drive and inspect them. */
export class EligibilityWorld {
  /** Households handed out by pickHouseholds, so no two tests of a run use the same one. */
  private readonly used = new Set<string>();
  /** Every session dialled through this world, for the request-log check. */
  readonly sessions: Dialer[] = [];
  /** Every national ID, household ID or voucher typed, for the request-log check (none may appear in full). */
  readonly typedIds = new Set<string>();
  /** Every agent created (their PINs must never reach the request log). */
  readonly agents: Agent[] = [];

  constructor(readonly stack: LocalStack) {}

  get eligibility(): string {
    return this.stack.url('eligibility');
  }
  get sandbox(): string {
    return this.stack.url('sandbox');
  }

  // ── dialling ───────────────────────────────────────────────────────────────────────────────────────

  at(phone: string = rwandaPhone()): AfricasTalkingDialer {
    const d = new AfricasTalkingDialer(this.eligibility, phone);
    this.sessions.push(d);
    return d;
  }

  arkesel(phone: string = rwandaPhone()): ArkeselDialer {
    const d = new ArkeselDialer(this.eligibility, phone);
    this.sessions.push(d);
    return d;
  }

  /** Sends a national ID (or household ID, voucher), remembering it for the request-log check. */
  typeId(d: Dialer, nationalId: string): Promise<Screen> {
    this.typedIds.add(nationalId);
    return d.send(nationalId);
  }

  /** Opens a session and brings it to the home screen in `lang` (choosing the language when asked). */
  async home(d: Dialer, lang: Lang): Promise<Screen> {
    let s = await d.dial();
    if (SCREENS.en.language.test(s.text) && !s.end) s = await d.send(lang === 'en' ? '1' : '2');
    expectScreen(s, lang, 'home', false);
    return s;
  }

  /**
   * From the screen after "register" (PIN, or products when the PIN was given already) to the sale's
   * confirmation screen: PIN, company (when the agent sells for several), product, then the first entry of
   * each location list. Every screen on the way is asserted. Returns the confirmation screen.
   */
  async walkToSaleConfirm(
    d: Dialer,
    lang: Lang,
    current: Screen,
    opts: { pin?: string; companyName?: string; productName: string },
  ): Promise<Screen> {
    let s = current;
    if (opts.pin !== undefined) {
      expectScreen(s, lang, 'pin', false);
      s = await d.send(opts.pin);
    }
    if (opts.companyName !== undefined) {
      expectScreen(s, lang, 'company', false);
      s = await d.send(entryKey(s, opts.companyName));
    }
    expectScreen(s, lang, 'product', false);
    s = await d.send(entryKey(s, opts.productName));
    for (const level of ['province', 'district', 'sector', 'cell', 'village']) {
      expectScreen(s, lang, level, false);
      expect(listEntries(s.text).length).toBeGreaterThan(0);
      s = await d.send('1');
    }
    expectScreen(s, lang, 'saleConfirm', false);
    return s;
  }

  /**
   * A whole registration by an agent from a fresh session in English, starting at "2. Register a sale".
   * Returns the sale reference and the incentive the agent was told.
   */
  async registerSale(
    d: Dialer,
    agent: Agent,
    nationalId: string,
    opts: { productName: string; companyName?: string },
  ): Promise<{ reference: string; incentiveRwf: number }> {
    await this.home(d, 'en');
    let s = await d.send('2');
    expectScreen(s, 'en', 'pin', false);
    s = await d.send(agent.pin);
    expectScreen(s, 'en', 'enterId', false);
    s = await this.typeId(d, nationalId);
    const confirm = await this.walkToSaleConfirm(d, 'en', s, opts);
    const [, incentive, code] = expectScreen(confirm, 'en', 'saleConfirm', false);
    expect(code).toBe(nationalId.slice(-4));
    const shown = rwf(incentive);
    const done = expectScreen(await d.send(code), 'en', 'registered', true);
    expect(rwf(done[2])).toBe(shown);
    return { reference: done[1], incentiveRwf: shown };
  }

  /** A whole confirmation at installation in English from a fresh session. */
  async confirmSale(d: Dialer, agent: Agent, reference: string, householdIdOrVoucher: string): Promise<Screen> {
    await this.home(d, 'en');
    expectScreen(await d.send('3'), 'en', 'pin', false);
    expectScreen(await d.send(agent.pin), 'en', 'reference', false);
    expectScreen(await d.send(reference), 'en', 'household', false);
    return this.typeId(d, householdIdOrVoucher);
  }

  /** An anonymous check from a fresh session in English: the screen after the ID. */
  async check(nationalId: string, d: Dialer = this.at()): Promise<Screen> {
    await this.home(d, 'en');
    expectScreen(await d.send('1'), 'en', 'enterId', false);
    return this.typeId(d, nationalId);
  }

  // ── admin API ──────────────────────────────────────────────────────────────────────────────────────

  /** The admin API as the programme's staff (a token with role programme). */
  async admin<T = any>(method: string, path: string, body?: unknown): Promise<JsonResponse<T>> {
    return http<T>(method, `${this.eligibility}${path}`, body, await authHeader({ role: 'programme' }));
  }

  async createCompany(name: string): Promise<{ id: string; code: string; name: string }> {
    const r = await this.admin('POST', '/v1/companies', { code: `E2E${suffix()}`, name });
    expect(r.status).toBe(201);
    return r.body;
  }

  async createProduct(companyId: string, p: { name: string; priceRwf: number; incentiveCapRwf: number }): Promise<{ id: string; code: string; name: string }> {
    const r = await this.admin('POST', `/v1/companies/${companyId}/products`, { code: `P${suffix()}`, ...p });
    expect(r.status).toBe(201);
    return r.body;
  }

  async createAgent(companyIds: string[], pin = '482913'): Promise<Agent> {
    const phone = rwandaPhone();
    const r = await this.admin('POST', '/v1/agents', { phone, name: `Agent ${suffix()}`, pin, companyIds });
    expect(r.status).toBe(201);
    expect(r.body.phone).toBe(phone);
    const agent = { id: r.body.id, phone, pin };
    this.agents.push(agent);
    return agent;
  }

  async budget(tier: number): Promise<Budget> {
    const r = await this.admin<Budget[]>('GET', '/v1/budgets');
    expect(r.status).toBe(200);
    const b = r.body.find((x) => x.tier === tier);
    if (!b) throw new Error(`no budget for tier ${tier}: ${r.text}`);
    return b;
  }

  /** Sets a tier's total so that exactly `availableRwf` is left on top of what is reserved and spent. */
  async setAvailable(tier: number, availableRwf: number): Promise<Budget> {
    const r0 = await this.admin<Budget[]>('GET', '/v1/budgets');
    expect(r0.status).toBe(200);
    // A tier without a budget row has nothing reserved or spent.
    const b = r0.body.find((x) => x.tier === tier) ?? { reservedRwf: 0, spentRwf: 0 };
    const r = await this.admin<Budget>('PUT', `/v1/budgets/${tier}`, { totalRwf: b.reservedRwf + b.spentRwf + availableRwf });
    expect(r.status).toBe(200);
    expect(r.body.availableRwf).toBe(availableRwf);
    return r.body;
  }

  async sale(reference: string): Promise<any> {
    const r = await this.admin('GET', `/v1/sales/${reference}`);
    expect(r.status).toBe(200);
    return r.body;
  }

  /** Limye's sales of these households (null: of every household), any status, from the admin list. */
  async salesOf(householdIds: string[] | null): Promise<any[]> {
    const found: any[] = [];
    for (let offset = 0; ; offset += 500) {
      const r = await this.admin('GET', `/v1/sales?limit=500&offset=${offset}`);
      expect(r.status).toBe(200);
      found.push(...r.body.items.filter((s: { householdId: string }) => householdIds === null || householdIds.includes(s.householdId)));
      if (offset + 500 >= r.body.total) return found;
    }
  }

  /** The request-log CSV, read as bytes (fetch's text() would drop the BOM the file must start with). */
  async requestLogCsv(from: string, to: string): Promise<{ status: number; contentType: string; bom: boolean; text: string }> {
    const res = await fetch(`${this.eligibility}/v1/reports/ussd-requests.csv?from=${from}&to=${to}`, { headers: await authHeader({ role: 'programme' }) });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', bom, text: new TextDecoder('utf-8').decode(bom ? bytes.subarray(3) : bytes) };
  }

  async metric(name: string, labels: Record<string, string>): Promise<number> {
    const r = await http('GET', `${this.eligibility}/metrics`);
    let total = 0;
    for (const line of r.text.split('\n')) {
      if (!line.startsWith(`${name}{`)) continue;
      if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) total += Number(line.split(' ').pop());
    }
    return total;
  }

  // ── sandbox: MEIS/OMIS population, OMIS sales, faults ─────────────────────────────────────────────────

  /**
   * `count` households of that status (and category), drawn at random from a random window of the
   * sandbox's list, skipping those used already in this run and those Limye already has a sale for (its
   * schema outlives the sandbox's fresh population when the suite runs again against the same database).
   */
  async pickHouseholds(status: HouseholdStatus, count: number, category?: string): Promise<Household[]> {
    const q = (limit: number, offset: number) =>
      http('GET', `${this.sandbox}/sandbox/rwanda/households?status=${status}${category ? `&category=${category}` : ''}&limit=${limit}&offset=${offset}`);
    const first = await q(1, 0);
    expect(first.status).toBe(200);
    const total = first.body.total as number;
    const window = 500;
    const offset = Math.floor(Math.random() * Math.max(1, total - window));
    const page = await q(window, offset);
    expect(page.status).toBe(200);
    const sold = new Set((await this.salesOf(null)).map((x: { householdId: string }) => x.householdId));
    const free = (page.body.households as Household[]).filter((h) => !this.used.has(h.householdId) && !sold.has(h.householdId));
    const picked: Household[] = [];
    while (picked.length < count && free.length > 0) picked.push(free.splice(Math.floor(Math.random() * free.length), 1)[0]);
    if (picked.length < count) throw new Error(`only ${picked.length} unused ${status} households of category ${category ?? 'any'}`);
    for (const h of picked) this.used.add(h.householdId);
    return picked;
  }

  async unknownIds(count: number): Promise<string[]> {
    const r = await http('GET', `${this.sandbox}/sandbox/rwanda/unknown-national-ids?count=${count}`);
    expect(r.status).toBe(200);
    return r.body.nationalIds;
  }

  async omis(reference: string): Promise<OmisView> {
    const r = await http<OmisView>('GET', `${this.sandbox}/sandbox/omis/sales/${reference}`);
    expect(r.status).toBe(200);
    return r.body;
  }

  async waitOmisStatus(reference: string, status: string, timeoutMs = 20000): Promise<OmisView> {
    return eventually(async () => {
      const v = await this.omis(reference);
      return v.sale?.status === status ? v : undefined;
    }, timeoutMs);
  }

  async fault(target: 'omis' | 'meis', spec: { mode: string; delayMs?: number; count?: number; forMs?: number }): Promise<void> {
    const r = await http('PUT', `${this.sandbox}/sandbox/faults/${target}`, spec);
    expect(r.status).toBeLessThan(300);
  }

  async clearFaults(): Promise<void> {
    const r = await http('DELETE', `${this.sandbox}/sandbox/faults`);
    expect(r.status).toBeLessThan(300);
  }

  /**
   * Waits until a check reaches both MEIS and OMIS again (a fault test may have opened a circuit breaker,
   * which answers "try later" for a few seconds): a subsidised household's check says so.
   */
  async waitForNationalSystems(probeNationalId: string, timeoutMs = 20000): Promise<void> {
    await eventually(async () => SCREENS.en.subsidised.test((await this.check(probeNationalId)).text), timeoutMs, 500);
  }
}

/** The key of the entry whose label starts with `name` on a list screen (asserting it is there). */
export function entryKey(s: Screen, name: string): string {
  const entry = listEntries(s.text).find((e) => e.label.startsWith(name));
  if (!entry) throw new Error(`no entry "${name}" on ${JSON.stringify(s.text)}`);
  return entry.key;
}
