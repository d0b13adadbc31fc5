import { counter, histogram } from '@limye/platform';

/** Calls to MEIS/OMIS by system, operation and outcome ('2xx', '4xx', '5xx', 'timeout', 'error', 'circuit_open'). */
export const nationalSystemRequests = counter(
  'limye_eligibility_national_system_requests_total',
  'HTTP calls to MEIS and OMIS by system, operation and outcome',
  ['system', 'operation', 'outcome'],
);

export const nationalSystemDuration = histogram(
  'limye_eligibility_national_system_request_duration_seconds',
  'Duration of one HTTP attempt to MEIS or OMIS by system, operation and outcome',
  ['system', 'operation', 'outcome'],
  [0.025, 0.05, 0.06, 0.075, 0.1, 0.25, 0.5, 1, 1.5, 2.5, 5],
);
