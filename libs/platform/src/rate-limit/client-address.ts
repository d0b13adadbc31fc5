import type { Request } from 'express';

/**
 * The address a request came from, for per-address limits. Behind `trustedProxyHops` proxies of our own (an
 * ingress, a load balancer), the one the nearest untrusted hop reported in X-Forwarded-For; with 0 (the default),
 * the socket's peer — X-Forwarded-For is then ignored, since anyone can write it.
 */
export function clientAddress(req: Request, trustedProxyHops: number): string {
  const peer = req.socket?.remoteAddress ?? 'unknown';
  if (trustedProxyHops <= 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  // The last `trustedProxyHops - 1` entries were added by our own proxies; the one before them is the client.
  return hops[hops.length - trustedProxyHops] ?? hops[0] ?? peer;
}
