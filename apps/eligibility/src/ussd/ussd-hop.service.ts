import { Inject, Injectable, Logger } from '@nestjs/common';
import { DEFAULT_ORGANISATION_ID, maskPhone, RateLimitVerdict, SERVICE_ENV } from '@limye/platform';
import { EligibilityEnv } from '../config/eligibility.env';
import { RBF_PROGRAMME, RbfProgramme } from '../programme/rbf-programme.port';
import { createHmac, randomBytes } from 'crypto';
import { inputsAfter, inputToRemember, isCopyOfLastHop, newInputs, PIN_MARK } from './domain/hop-inputs';
import { maskDigitRuns, maskInputs } from './domain/input-mask';
import { HopContext, SessionClaimLost, StepResult, UssdFlow } from './flow/ussd-flow';
import { SessionEndEvent } from './gateways/africastalking.gateway';
import { BadHop, ParsedHop, UssdGatewayAdapter, UssdHop, UssdReply, WireRequest } from './gateways/ussd-gateway';
import { Language } from './messages/catalogue';
import { renderScreen } from './messages/render';
import { ussdHopDuration, ussdHops } from './ussd.metrics';
import { RequestLogRow, UssdSessionRepository } from './ussd-session.repository';

/** How long a request that lost a race waits for the winner's reply before giving up. */
const WINNER_WAIT_MS = 5000;
const WINNER_POLL_MS = 20;
/** How much of a gateway's own error message is logged. */
const MAX_LOGGED_ERROR = 200;
/** New inputs one hop may bring (Africa's Talking: segments beyond those handled). */
const MAX_INPUTS_PER_HOP = 10;

/**
 * The gateway-neutral engine: one hop in, one reply out. It keeps the session server-side (PostgreSQL),
 * feeds the menus only inputs they have not seen, answers replays with the stored reply, lets only one of
 * two concurrent copies of a hop act (optimistic locking on the session's version), and writes one
 * request-log row per hop. It never throws: whatever goes wrong, the gateway gets an END screen.
 *
 * The gateway is public: which organisation a session acts for is found from the phone that dials (its
 * agent's organisation, else the default one's) when the session begins, and kept with the session;
 * nothing the caller sends chooses it.
 */
@Injectable()
export class UssdHopService {
  private readonly logger = new Logger(UssdHopService.name);
  /** How long a hop waits for the request acting on its session before taking over (tests shorten it). */
  winnerWaitMs = WINNER_WAIT_MS;
  /**
   * Keys the fingerprint a PIN hop leaves in its session (to recognise the gateway's copy of it). It lives
   * only in this process, so the database holds nothing a PIN could be guessed from; with several replicas
   * a copy that reaches another replica is not recognised (it counts as a new attempt).
   */
  private readonly pinKey = randomBytes(32);
  private readonly pinFingerprint = (pin: string): string => PIN_MARK + createHmac('sha256', this.pinKey).update(pin).digest('base64url').slice(0, 43);

  constructor(
    private readonly sessions: UssdSessionRepository,
    private readonly flow: UssdFlow,
    @Inject(SERVICE_ENV) private readonly env: EligibilityEnv,
    @Inject(RBF_PROGRAMME) private readonly programme: RbfProgramme,
  ) {}

  /** The organisation a phone acts for (see RbfProgramme.organisationOfPhone); no phone: the default one. */
  private organisationOf(phone: string | null | undefined): Promise<string> {
    return phone ? this.programme.organisationOfPhone(phone) : Promise.resolve(DEFAULT_ORGANISATION_ID);
  }

  /** A gateway request, parsed by its adapter, answered (never throws). */
  async handle(gateway: UssdGatewayAdapter, req: WireRequest, admit?: (phone: string | null) => RateLimitVerdict): Promise<UssdReply> {
    let parsed: ParsedHop;
    try {
      parsed = gateway.parse(req);
    } catch (err) {
      parsed = { ok: false, bad: { gateway: gateway.name, problem: `unreadable: ${(err as Error).message}`, sessionId: null, phone: null, serviceCode: null, networkCode: null } };
    }
    // Over a rate limit (per gateway address, per phone): the polite END the gateway can show, nothing read or written.
    if (admit?.(parsed.ok ? parsed.hop.phone : parsed.bad.phone).limited) {
      return this.answer(gateway.name, async () => ({ reply: { text: renderScreen(null, 'busy', {}), end: true }, outcome: 'rate_limited' }));
    }
    if (parsed.ok) return this.hop(parsed.hop);
    const bad = parsed.bad;
    return this.answer(bad.gateway, (receivedAt, started) => this.badRequest(bad, receivedAt, started));
  }

  /** One hop in, one reply out (never throws). */
  hop(hop: UssdHop): Promise<UssdReply> {
    return this.answer(hop.gateway, (receivedAt, started) => this.process(hop, receivedAt, started));
  }

  /** Runs one hop's work with its metrics; an unexpected failure still gets an END screen. */
  private async answer(gateway: string, work: (receivedAt: Date, started: number) => Promise<{ reply: UssdReply; outcome: string }>): Promise<UssdReply> {
    const started = performance.now();
    let outcome = 'error';
    try {
      const result = await work(new Date(), started);
      outcome = result.outcome;
      return result.reply;
    } catch (err) {
      this.logger.error({ msg: 'USSD hop failed', gateway, error: (err as Error).message, stack: (err as Error).stack });
      return { text: renderScreen(null, 'error', {}), end: true };
    } finally {
      ussdHops.inc({ gateway, outcome });
      ussdHopDuration.observe({ gateway }, (performance.now() - started) / 1000);
    }
  }

  /** One hop of a well-formed request: the reply and the outcome logged (throws only if the database does). */
  async process(hop: UssdHop, receivedAt = new Date(), started = performance.now()): Promise<{ reply: UssdReply; outcome: string }> {
    const key = sessionKeyOf(hop);
    const read = await this.sessions.read(key, hop.phone);
    const phoneLanguage = read.phoneLanguage;
    let session = read.session;
    // A live session of this phone keeps the organisation it began with; anything else (a new session, a
    // redial, another phone's hop, an expired session) is the phone's own.
    const continues = !!session && !session.expired && session.phone === hop.phone && !(hop.input.kind === 'start' && session.ended);
    const organisationId = continues ? session!.organisationId : await this.organisationOf(hop.phone);
    const logRow = (r: { language: Language | null; screen: string; outcome: string; inputMasked?: string | null; nationalIdMasked?: string | null }): RequestLogRow => ({
      organisationId,
      receivedAt,
      gateway: hop.gateway,
      sessionId: hop.sessionId,
      phone: hop.phone,
      serviceCode: maskNullable(hop.serviceCode ?? (session?.state.serviceCode || null)),
      networkCode: hop.networkCode,
      language: r.language,
      inputMasked: r.inputMasked ?? null,
      screen: r.screen,
      outcome: r.outcome,
      nationalIdMasked: r.nationalIdMasked ?? null,
      durationMs: performance.now() - started,
    });

    if (session && !session.expired && session.phone !== hop.phone) {
      // Session ids come from the gateway; a hop from another phone must never ride on this session (its
      // agent may have entered a PIN). Nothing is read or changed; the input is not logged.
      await this.sessions.log(logRow({ language: phoneLanguage, screen: 'session_expired', outcome: 'phone_mismatch' }));
      this.logger.warn({ msg: 'USSD hop from another phone than the session\'s', session: key, phone: maskPhone(hop.phone) });
      return { reply: { text: renderScreen(phoneLanguage, 'session_expired', {}), end: true }, outcome: 'phone_mismatch' };
    }
    // A dial reusing the id of a session that has ended is a new session. (On a live session a repeated
    // first hop is a gateway retry or a late duplicate: answered as a replay below.)
    const redial = !!session && !session.expired && hop.input.kind === 'start' && session.ended;
    if (!session || session.expired || redial) {
      if (hop.input.kind !== 'start') {
        // Input for a session we do not have (expired, swept, or never seen): say so, politely. Its input is
        // not logged: without the session we cannot tell a PIN from a menu choice.
        const language = session?.language ?? phoneLanguage;
        await this.sessions.log(logRow({ language, screen: 'session_expired', outcome: 'session_expired' }));
        return { reply: { text: renderScreen(language, 'session_expired', {}), end: true }, outcome: 'session_expired' };
      }
      const first = this.flow.start(phoneLanguage, hop.serviceCode);
      const created = await this.sessions.create(
        key,
        hop.phone,
        organisationId,
        { state: first.state, reply: first.reply.text, ended: first.reply.end, language: first.state.lang },
        this.env.USSD_SESSION_TTL_S,
        logRow({ language: first.state.lang, screen: first.screen, outcome: first.outcome }),
        redial ? session!.version : null,
      );
      if (!created) return this.answerWinner(key, logRow, phoneLanguage);
      return { reply: first.reply, outcome: first.outcome };
    }

    const language = session.language ?? phoneLanguage;
    if (session.lastReply === null) {
      // No reply stored: another request claimed the session for a hop with effects. Whatever this request
      // brings, it must not act too: it answers what that one answers.
      const winner = await this.waitForReply(key);
      if (winner?.lastReply != null) return this.replay(winner.lastReply, winner.ended, winner.language ?? language, logRow);
      // Still no reply at the deadline: that request died mid-hop (its process was killed), perhaps after
      // its step committed (a sale registered). This copy of the hop runs it again on the stored state:
      // registerSale answers the same sale for the same session, and the session's version lets only one
      // of several waiting copies act.
      const again = winner ? (await this.sessions.read(key, hop.phone)).session : null;
      if (!again || again.version !== session.version || again.lastReply !== null) return this.answerWinner(key, logRow, language);
      this.logger.warn({ msg: 'USSD hop taken over: the request that claimed the session never answered', session: key });
      session = again;
    }
    if (session.ended) return this.replay(session.lastReply, true, language, logRow);
    const inputs = newInputs(hop.input, session.inputCount);
    if (inputs.length === 0 || isCopyOfLastHop(hop.input, session, this.env.USSD_REPEAT_WINDOW_MS, this.pinFingerprint)) return this.replay(session.lastReply, false, language, logRow);
    if (inputs.length > MAX_INPUTS_PER_HOP) {
      // A person types one answer per screen (a few with '*'): hundreds in one request would be hundreds
      // of MEIS/OMIS lookups in one hop. Nothing is done; the input is not logged.
      this.logger.warn({ msg: 'USSD hop with too many inputs', session: key, inputs: inputs.length });
      await this.sessions.log(logRow({ language, screen: 'bad_request', outcome: 'too_many_inputs' }));
      return { reply: { text: renderScreen(language, 'bad_request', {}), end: true }, outcome: 'too_many_inputs' };
    }

    let version = session.version;
    const ctx: HopContext = {
      phone: hop.phone,
      organisationId: session.organisationId,
      // One sale per session instance: a later session reusing the gateway's id gets its own key.
      sessionKey: `${key}@${session.createdAtMs}`,
      claim: async () => {
        if (!(await this.sessions.claim(key, version))) throw new SessionClaimLost();
        version += 1;
      },
      firstOfHop: true,
    };
    let state = session.state;
    let last: StepResult | null = null;
    let languageChosen = false;
    let nationalIdMasked: string | null = null;
    const typed: { screen: string; input: string }[] = [];
    try {
      for (const [i, input] of inputs.entries()) {
        ctx.firstOfHop = i === 0;
        typed.push({ screen: state.at.screen, input });
        last = await this.flow.step(state, input, ctx);
        if (last.error) this.logger.error({ msg: 'USSD step failed', session: key, phone: maskPhone(hop.phone), screen: state.at.screen, error: (last.error as Error)?.message, stack: (last.error as Error)?.stack });
        state = last.state;
        languageChosen ||= last.languageChosen !== null;
        nationalIdMasked = last.nationalIdMasked ?? nationalIdMasked;
        if (last.reply.end) break;
      }
    } catch (err) {
      if (err instanceof SessionClaimLost) return this.answerWinner(key, logRow, language);
      throw err;
    }
    const result = last as StepResult;
    const saved = await this.sessions.save(
      key,
      version,
      hop.phone,
      {
        state,
        inputCount: inputsAfter(hop.input, session.inputCount, typed.length),
        reply: result.reply.text,
        ended: result.reply.end,
        language: state.lang,
        rememberLanguage: languageChosen,
        lastInput: inputToRemember(hop.input, typed[0].screen, this.pinFingerprint),
      },
      logRow({ language: state.lang, screen: result.screen, outcome: result.outcome, inputMasked: maskInputs(typed), nationalIdMasked }),
    );
    if (!saved) return this.answerWinner(key, logRow, language);
    return { reply: result.reply, outcome: result.outcome };
  }

  /** A request the adapter could not turn into a hop: END "incomplete, dial again", logged. */
  async badRequest(bad: BadHop, receivedAt = new Date(), started = performance.now()): Promise<{ reply: UssdReply; outcome: string }> {
    const language = bad.phone ? await this.sessions.phoneLanguage(bad.phone).catch(() => null) : null;
    const organisationId = await this.organisationOf(bad.phone).catch(() => DEFAULT_ORGANISATION_ID);
    this.logger.warn({ msg: 'bad USSD request', gateway: bad.gateway, problem: bad.problem, phone: maskPhone(bad.phone) });
    await this.sessions
      .log({
        organisationId,
        receivedAt,
        gateway: bad.gateway,
        sessionId: bad.sessionId ?? '',
        phone: bad.phone ?? '',
        serviceCode: maskNullable(bad.serviceCode),
        networkCode: bad.networkCode,
        language,
        inputMasked: null,
        screen: 'bad_request',
        outcome: 'bad_request',
        nationalIdMasked: null,
        durationMs: performance.now() - started,
      })
      .catch((err: Error) => this.logger.error({ msg: 'could not log a bad USSD request', error: err.message }));
    return { reply: { text: renderScreen(language, 'bad_request', {}), end: true }, outcome: 'bad_request' };
  }

  /** The gateway's end-of-session notification: drop the session, log how it ended. Never throws. */
  async sessionEnded(gateway: string, event: SessionEndEvent): Promise<void> {
    const started = performance.now();
    const outcome = `ended_${event.status}`;
    try {
      await this.sessions.endSession(event.sessionId ? sessionKeyOf({ gateway, sessionId: event.sessionId }) : null, {
        organisationId: await this.organisationOf(event.phone),
        receivedAt: new Date(),
        gateway,
        sessionId: event.sessionId ?? '',
        phone: event.phone ?? '',
        serviceCode: maskNullable(event.serviceCode ?? null),
        networkCode: event.networkCode,
        language: null,
        // The notification's `input` is the whole path, PINs included: it is not kept.
        inputMasked: null,
        screen: 'session_end',
        outcome,
        nationalIdMasked: null,
        durationMs: performance.now() - started,
      });
      // errorMessage is the gateway's free text, from an unauthenticated endpoint: its digits are masked as
      // typed input is (a phone, a PIN, an ID may be quoted in it), and it is cut.
      if (event.status === 'failed') this.logger.warn({ msg: 'gateway reports a failed USSD session', gateway, sessionId: event.sessionId, error: maskNullable(event.errorMessage)?.slice(0, MAX_LOGGED_ERROR) });
    } catch (err) {
      this.logger.error({ msg: 'could not record the end of a USSD session', gateway, error: (err as Error).message });
    } finally {
      ussdHops.inc({ gateway, outcome });
    }
  }

  /** The stored reply again; nothing processed. */
  private async replay(
    text: string | null,
    end: boolean,
    language: Language | null,
    logRow: (r: { language: Language | null; screen: string; outcome: string }) => RequestLogRow,
  ): Promise<{ reply: UssdReply; outcome: string }> {
    if (text === null) {
      // The request that took the session never finished it (it crashed or is stuck): give up politely.
      await this.sessions.log(logRow({ language, screen: 'replay', outcome: 'error' }));
      return { reply: { text: renderScreen(language, 'error', {}), end: true }, outcome: 'error' };
    }
    await this.sessions.log(logRow({ language, screen: 'replay', outcome: 'replay' }));
    return { reply: { text, end }, outcome: 'replay' };
  }

  /**
   * Another request of the same session is acting (or just acted) on this hop: wait for its reply and
   * answer that, so both copies of a double press show the same screen and only one acted.
   */
  private async answerWinner(
    key: string,
    logRow: (r: { language: Language | null; screen: string; outcome: string }) => RequestLogRow,
    language: Language | null,
  ): Promise<{ reply: UssdReply; outcome: string }> {
    const current = await this.waitForReply(key);
    if (current?.lastReply != null) return this.replay(current.lastReply, current.ended, current.language ?? language, logRow);
    return this.replay(null, true, current?.language ?? language, logRow);
  }

  /** The session's reply once there is one, or as it stands at the deadline (null: the session is gone). */
  private async waitForReply(key: string): Promise<{ lastReply: string | null; ended: boolean; language: Language | null } | null> {
    const deadline = Date.now() + this.winnerWaitMs;
    for (;;) {
      const current = await this.sessions.reply(key);
      if (!current || current.lastReply !== null || Date.now() > deadline) return current;
      await new Promise((resolve) => setTimeout(resolve, WINNER_POLL_MS));
    }
  }
}

function sessionKeyOf(hop: Pick<UssdHop, 'gateway' | 'sessionId'>): string {
  return `${hop.gateway}:${hop.sessionId}`;
}

/** Service codes may carry what was dialled after the code itself (e.g. an ID): masked like typed input. */
function maskNullable(text: string | null): string | null {
  return text === null ? null : maskDigitRuns(text);
}
