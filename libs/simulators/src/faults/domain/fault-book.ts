export const FAULT_TARGETS = ['moncash', 'koios', 'thundercloud', 'omis', 'meis'] as const;
export type FaultTarget = (typeof FAULT_TARGETS)[number];

export const FAULT_MODES = ['none', 'down', 'slow', 'error500', 'timeout', 'error500_after_apply'] as const;
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
}

export function isFaultTarget(value: string): value is FaultTarget {
  return (FAULT_TARGETS as readonly string[]).includes(value);
}

/** Targets whose requests write something worth keeping (a credit, a sale) before they answer. */
export const APPLY_TARGETS: readonly FaultTarget[] = ['koios', 'thundercloud', 'omis'];

/** Why a spec cannot be applied to a target, or null when it can. */
export function faultSpecProblem(target: FaultTarget, spec: FaultSpec): string | null {
  if (spec.mode === 'error500_after_apply' && !APPLY_TARGETS.includes(target)) {
    return `error500_after_apply applies to ${APPLY_TARGETS.join(', ')} only`;
  }
  return null;
}

/**
 * The faults in force, one per target. `take` is called once per simulator request: it answers the
 * fault to apply (if any) and counts it, so `count: 2` hits exactly the next two requests.
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
    };
    this.faults.set(target, fault);
    return { ...fault };
  }

  take(target: FaultTarget, now: number): ActiveFault | null {
    const fault = this.live(target, now);
    if (!fault) return null;
    fault.hits += 1;
    if (fault.remaining !== null) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults.delete(target);
    }
    return { ...fault };
  }

  list(now: number): ActiveFault[] {
    return [...this.faults.keys()].map((t) => this.live(t, now)).filter((f): f is ActiveFault => f !== null).map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults.clear();
  }

  private live(target: FaultTarget, now: number): ActiveFault | null {
    const fault = this.faults.get(target);
    if (!fault) return null;
    if ((fault.endsAt !== null && now >= fault.endsAt) || fault.remaining === 0) {
      this.faults.delete(target);
      return null;
    }
    return fault;
  }
}
