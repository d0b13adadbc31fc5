import { counter, histogram } from '@limye/platform';

/** Hops by gateway and outcome ('menu', 'eligible', 'replay', 'bad_request', …). */
export const ussdHops = counter('limye_ussd_hops_total', 'USSD hops by gateway and outcome', ['gateway', 'outcome']);

/** Time from request to reply, per gateway (the target is p99 < 150 ms with OMIS/MEIS at 50 ms). */
export const ussdHopDuration = histogram('limye_ussd_hop_duration_seconds', 'USSD hop handling time by gateway', ['gateway'], [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5,
]);
