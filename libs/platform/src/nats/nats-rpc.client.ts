import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { connect, headers as natsHeaders, JSONCodec, NatsConnection } from 'nats';
import { ErrorCodes, Headers } from '@limye/contracts';
import { currentCorrelationId, newCorrelationId } from '../correlation/correlation';
import { natsRequestDuration } from '../metrics/metrics';
import { currentOrganisationId } from '../tenancy/organisation-context';
import { RpcCallError } from './rpc-call.error';

/** Nest's NATS packets, as its server reads a request and writes its reply (@nestjs/microservices ServerNats). */
interface NestRequestPacket {
  pattern: string;
  data: object;
  id: string;
}
interface NestReplyPacket {
  id?: string;
  response?: unknown;
  err?: unknown;
  isDisposed?: boolean;
}
const requestCodec = JSONCodec<NestRequestPacket>();
const replyCodec = JSONCodec<NestReplyPacket>();

/**
 * The one way services send NATS requests: every call has a timeout, carries the correlation id in
 * its headers with the organisation it acts for (currentOrganisationId, when there is one), and fails with an RpcCallError carrying the remote's `{code, message}`.
 *
 * Straight on nats.js (one shared reply subscription for all requests) rather than Nest's ClientProxy,
 * which subscribed and unsubscribed an inbox per request and went through rxjs: the services' handlers
 * are Nest's, so requests and replies keep Nest's packet shape ({pattern, data, id} → {response | err}).
 */
@Injectable()
export class NatsRpcClient implements OnApplicationShutdown {
  private nc?: Promise<NatsConnection>;
  private seq = 0;

  constructor(
    private readonly servers: string,
    private readonly name: string,
    private readonly defaultTimeoutMs: number,
  ) {}

  async connect(): Promise<void> {
    await this.connection();
  }

  async request<TReply>(subject: string, payload: object, timeoutMs = this.defaultTimeoutMs): Promise<TReply> {
    const h = natsHeaders();
    h.set(Headers.correlationId, currentCorrelationId() ?? newCorrelationId());
    const organisationId = currentOrganisationId();
    if (organisationId) h.set(Headers.organisationId, organisationId);
    const end = natsRequestDuration.startTimer({ subject });
    try {
      const nc = await this.connection();
      const msg = await nc.request(subject, requestCodec.encode({ pattern: subject, data: payload, id: String(++this.seq) }), { timeout: timeoutMs, headers: h });
      const reply = replyCodec.decode(msg.data);
      if (reply.err !== undefined && reply.err !== null) throw reply.err;
      end({ outcome: 'ok' });
      return reply.response as TReply;
    } catch (err) {
      const error = toRpcCallError(subject, err);
      end({ outcome: error.code });
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const nc = await this.nc?.catch(() => undefined);
    this.nc = undefined;
    if (nc && !nc.isClosed()) await nc.close();
  }

  private connection(): Promise<NatsConnection> {
    if (!this.nc) {
      // noAsyncTraces: nats.js would otherwise build an Error (stack trace) per request, in case it times out.
      this.nc = connect({ servers: this.servers.split(','), name: `${this.name}-client`, maxReconnectAttempts: -1, reconnectTimeWait: 500, noAsyncTraces: true });
      // A failed first connect is tried again by the next call.
      this.nc.catch(() => (this.nc = undefined));
    }
    return this.nc;
  }
}

function toRpcCallError(subject: string, err: unknown): RpcCallError {
  if (err instanceof RpcCallError) return err;
  // nats.js: no reply within the request's timeout.
  if (err && typeof err === 'object' && (err as { code?: unknown }).code === 'TIMEOUT' && (err as { name?: unknown }).name === 'NatsError') {
    return new RpcCallError(subject, ErrorCodes.timeout, 'no reply in time');
  }
  if (err && typeof err === 'object' && 'code' in err && 'message' in err && typeof (err as { code: unknown }).code === 'string') {
    const e = err as { code: string; message: string };
    // The nats library's own errors (no responders, connection closed) also carry a code.
    if (e.code === '503' || /NO_RESPONDERS|CONNECTION_CLOSED|DISCONNECT/i.test(e.code)) {
      return new RpcCallError(subject, ErrorCodes.unavailable, e.message);
    }
    return new RpcCallError(subject, e.code, e.message);
  }
  const message = err instanceof Error ? err.message : String(err);
  if (/no responders|empty response|closed|disconnect/i.test(message)) {
    return new RpcCallError(subject, ErrorCodes.unavailable, message);
  }
  return new RpcCallError(subject, ErrorCodes.internal, message);
}
