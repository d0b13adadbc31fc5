/** Every simulated vendor API that faults can hit; a new simulator adds its own (docs/sandbox.md, "Adding a simulator"). */
export const FAULT_TARGETS = ['moncash', 'koios', 'thundercloud', 'omis', 'meis'] as const;
export type FaultTarget = (typeof FAULT_TARGETS)[number];

export const FAULT_MODES = ['none', 'down', 'slow', 'error500', 'status', 'timeout', 'error500_after_apply'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

/** How long 'timeout' holds a request before dropping it, unless delayMs asks for less. */
export const MAX_HOLD_MS = 120_000;
/** Delay of 'slow' when none is given. */
export const DEFAULT_SLOW_MS = 1_000;

export interface FaultSpec {
  mode: FaultMode;
  delayMs?: number;
  forMs?: number;
  count?: number;
  /** 'status': the HTTP status to answer (400–599), with the vendor's error body. */
  status?: number;
  /** Only requests whose "METHOD /path?query" starts with this are hit (and counted); others pass. */
  match?: string;
  /** The fault that takes over once this one ends (its `count` used up or its `forMs` passed). */
  then?: FaultSpec;
}

export interface ActiveFault {
  target: FaultTarget;
  mode: Exclude<FaultMode, 'none'>;
  /** 'slow': added latency; 'timeout': how long the request is held before its socket is dropped. */
  delayMs: number;
  /** Requests still to be hit; null = every request until cleared or expired. */
  remaining: number | null;
  /** Epoch ms after which the fault no longer applies; null = no end. */
  endsAt: number | null;
  /** Requests this fault has hit so far. */
  hits: number;
  /** Present only when given: the status 'status' answers, the request prefix it is limited to, what follows it. */
  status?: number;
  match?: string;
  then?: FaultSpec;
}

export function isFaultTarget(value: string): value is FaultTarget {
  return (FAULT_TARGETS as readonly string[]).includes(value);
}

/** Targets whose requests write something worth keeping (a credit, a sale) before they answer. */
export const APPLY_TARGETS: readonly FaultTarget[] = ['koios', 'thundercloud', 'omis'];

/** Why a spec cannot be applied to a target, or null when it can (its `then` checked the same way). */
export function faultSpecProblem(target: FaultTarget, spec: FaultSpec): string | null {
  if (spec.mode === 'error500_after_apply' && !APPLY_TARGETS.includes(target)) {
    return `error500_after_apply applies to ${APPLY_TARGETS.join(', ')} only`;
  }
  if (spec.mode === 'status' && spec.status === undefined) return "mode 'status' needs status (400 to 599)";
  if (spec.mode !== 'status' && spec.status !== undefined) return "status goes with mode 'status' only";
  if (spec.then !== undefined) {
    if (spec.mode === 'none') return "mode 'none' has no then";
    if (spec.count === undefined && spec.forMs === undefined) return 'then needs count or forMs: a fault without either never ends';
    const problem = faultSpecProblem(target, spec.then);
    if (problem) return `then: ${problem}`;
  }
  return null;
}

/**
 * The faults in force, one per target. `take` is called once per simulator request: it answers the
 * fault to apply (if any) and counts it, so `count: 2` hits exactly the next two (matching) requests;
 * a fault that ends hands over to its `then`.
 */
export class FaultBook {
  private readonly faults = new Map<FaultTarget, ActiveFault>();

  set(target: FaultTarget, spec: FaultSpec, now: number): ActiveFault | null {
    if (spec.mode === 'none') {
      this.faults.delete(target);
      return null;
    }
    const defaultDelay = spec.mode === 'timeout' ? MAX_HOLD_MS : spec.mode === 'slow' ? DEFAULT_SLOW_MS : 0;
    const fault: ActiveFault = {
      target,
      mode: spec.mode,
      delayMs: spec.mode === 'timeout' ? Math.min(spec.delayMs ?? MAX_HOLD_MS, MAX_HOLD_MS) : (spec.delayMs ?? defaultDelay),
      remaining: spec.count ?? null,
      endsAt: spec.forMs === undefined ? null : now + spec.forMs,
      hits: 0,
      ...(spec.status !== undefined && { status: spec.status }),
      ...(spec.match !== undefined && { match: spec.match }),
      ...(spec.then !== undefined && { then: spec.then }),
    };
    this.faults.set(target, fault);
    return { ...fault };
  }

  /** The fault for one request (`request` = "METHOD /path?query", for `match`), counted; null: let it through. */
  take(target: FaultTarget, now: number, request = ''): ActiveFault | null {
    const fault = this.live(target, now);
    if (!fault) return null;
    if (fault.match !== undefined && !request.startsWith(fault.match)) return null;
    fault.hits += 1;
    if (fault.remaining !== null) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.end(fault, now);
    }
    return { ...fault };
  }

  list(now: number): ActiveFault[] {
    return [...this.faults.keys()].map((t) => this.live(t, now)).filter((f): f is ActiveFault => f !== null).map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults.clear();
  }

  /** The fault in force now: one that ended (count or time) has handed over to its `then`, if any. */
  private live(target: FaultTarget, now: number): ActiveFault | null {
    for (;;) {
      const fault = this.faults.get(target);
      if (!fault) return null;
      const timeUp = fault.endsAt !== null && now >= fault.endsAt;
      if (!timeUp && fault.remaining !== 0) return fault;
      // A `then` that took over when the time ran out starts then, not at this later request.
      this.end(fault, timeUp ? (fault.endsAt as number) : now);
    }
  }

  private end(fault: ActiveFault, at: number): void {
    if (fault.then) this.set(fault.target, fault.then, at);
    else this.faults.delete(fault.target);
  }
}
