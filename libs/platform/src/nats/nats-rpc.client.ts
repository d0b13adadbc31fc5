import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy, ClientProxyFactory, NatsRecordBuilder, Transport } from '@nestjs/microservices';
import { headers as natsHeaders } from 'nats';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import { ErrorCodes, Headers } from '@limye/contracts';
import { currentCorrelationId, newCorrelationId } from '../correlation/correlation';
import { natsRequestDuration } from '../metrics/metrics';
import { currentOrganisationId } from '../tenancy/organisation-context';
import { RpcCallError } from './rpc-call.error';

/**
 * The one way services send NATS requests: every call has a timeout, carries the correlation id in
 * its headers with the organisation it acts for (currentOrganisationId, when there is one), and fails with an RpcCallError carrying the remote's `{code, message}`.
 */
@Injectable()
export class NatsRpcClient implements OnApplicationShutdown {
  private readonly client: ClientProxy;

  constructor(servers: string, name: string, private readonly defaultTimeoutMs: number) {
    this.client = ClientProxyFactory.create({
      transport: Transport.NATS,
      options: { servers: servers.split(','), name: `${name}-client`, maxReconnectAttempts: -1, reconnectTimeWait: 500 },
    });
  }

  async connect(): Promise<void> {
    await this.client.connect();
  }

  async request<TReply>(subject: string, payload: object, timeoutMs = this.defaultTimeoutMs): Promise<TReply> {
    const h = natsHeaders();
    h.set(Headers.correlationId, currentCorrelationId() ?? newCorrelationId());
    const organisationId = currentOrganisationId();
    if (organisationId) h.set(Headers.organisationId, organisationId);
    const record = new NatsRecordBuilder(payload).setHeaders(h).build();
    const end = natsRequestDuration.startTimer({ subject });
    try {
      const reply = await firstValueFrom(this.client.send<TReply>(subject, record).pipe(timeout(timeoutMs)));
      end({ outcome: 'ok' });
      return reply;
    } catch (err) {
      const error = toRpcCallError(subject, err);
      end({ outcome: error.code });
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}

function toRpcCallError(subject: string, err: unknown): RpcCallError {
  if (err instanceof TimeoutError) return new RpcCallError(subject, ErrorCodes.timeout, 'no reply in time');
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
