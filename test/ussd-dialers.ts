import { randomBytes } from 'crypto';

/** A USSD screen as the handset shows it, and whether the session stays open. */
export interface Screen {
  text: string;
  end: boolean;
}

/** One phone dialling the tool through a gateway: `dial()` opens a session, `send()` answers a screen. */
export interface Dialer {
  readonly phone: string;
  readonly sessionId: string;
  dial(): Promise<Screen>;
  send(input: string): Promise<Screen>;
}

/** Rwandan MTN number (+25078xxxxxxx) no other test uses. */
export function rwandaPhone(): string {
  return `+25078${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
}

/**
 * Africa's Talking: form POST, `text` carries every input of the session joined by `*`; the reply is
 * plain text starting `CON ` or `END `.
 */
export class AfricasTalkingDialer implements Dialer {
  private readonly inputs: string[] = [];
  readonly sessionId = `ATUid_${randomBytes(8).toString('hex')}`;

  constructor(private readonly baseUrl: string, readonly phone: string = rwandaPhone(), private readonly serviceCode = '*662*100#') {}

  dial(): Promise<Screen> {
    this.inputs.length = 0;
    return this.post('');
  }

  send(input: string): Promise<Screen> {
    this.inputs.push(input);
    return this.post(this.inputs.join('*'));
  }

  /** Sends the current path again, as a gateway retry would. */
  replay(): Promise<Screen> {
    return this.post(this.inputs.join('*'));
  }

  /** One new input sent as `copies` identical requests at once (a double press, a gateway retrying early). */
  sendCopies(input: string, copies: number): Promise<Screen[]> {
    this.inputs.push(input);
    const text = this.inputs.join('*');
    return Promise.all(Array.from({ length: copies }, () => this.post(text)));
  }

  private async post(text: string): Promise<Screen> {
    const res = await fetch(`${this.baseUrl}/v1/ussd/africastalking`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ sessionId: this.sessionId, serviceCode: this.serviceCode, phoneNumber: this.phone, networkCode: '63510', text }),
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`Africa's Talking hop answered ${res.status}: ${body}`);
    if (!/^text\/plain/.test(res.headers.get('content-type') ?? '')) throw new Error(`content-type ${res.headers.get('content-type')}`);
    const m = /^(CON|END) ([\s\S]*)$/.exec(body);
    if (!m) throw new Error(`not a CON/END reply: ${JSON.stringify(body)}`);
    return { text: m[2], end: m[1] === 'END' };
  }
}

/** Arkesel (JSON, latest input only): `newSession` on the dial, then one `userData` per hop. */
/**
 * USSD_REPEAT_WINDOW_MS of the e2e stack. Arkesel carries no hop number, so the service takes the same
 * input again within this window as the gateway's copy of the hop; the dialer, like a person, lets more
 * time than that pass before typing the same answer twice in a row.
 */
export const E2E_USSD_REPEAT_WINDOW_MS = 150;

export class ArkeselDialer implements Dialer {
  readonly sessionId = `ark-${randomBytes(8).toString('hex')}`;
  private lastInput: { value: string; at: number } | null = null;

  constructor(private readonly baseUrl: string, readonly phone: string = rwandaPhone(), private readonly serviceCode = '*662*100#') {}

  dial(): Promise<Screen> {
    return this.post(true, this.serviceCode);
  }

  async send(input: string): Promise<Screen> {
    const wait = this.lastInput?.value === input ? this.lastInput.at + E2E_USSD_REPEAT_WINDOW_MS + 50 - Date.now() : 0;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const screen = await this.post(false, input);
    this.lastInput = { value: input, at: Date.now() };
    return screen;
  }

  private async post(newSession: boolean, userData: string): Promise<Screen> {
    const msisdn = this.phone.replace(/^\+/, '');
    const res = await fetch(`${this.baseUrl}/v1/ussd/arkesel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionID: this.sessionId, userID: 'LIMYE001', newSession, msisdn, userData, network: 'MTN' }),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`Arkesel hop answered ${res.status}: ${text}`);
    const body = JSON.parse(text) as { sessionID: string; msisdn: string; message: string; continueSession: boolean };
    if (body.sessionID !== this.sessionId) throw new Error(`sessionID not echoed: ${text}`);
    if (typeof body.message !== 'string' || typeof body.continueSession !== 'boolean') throw new Error(`bad Arkesel reply ${text}`);
    return { text: body.message, end: !body.continueSession };
  }
}

/** A raw gateway request (malformed or incomplete ones included): the status, content type and body as sent back. */
export async function postRaw(url: string, body: string, contentType: string): Promise<{ status: number; contentType: string; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}
