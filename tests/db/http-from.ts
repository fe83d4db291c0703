// HTTP requests from a chosen loopback source address (any 127.x.y.z is this machine on Linux). The
// gateway takes the client address from the socket, as a proxy does, so this is how a test plays
// many different clients: a client-written X-Forwarded-For is overwritten, never believed.
import { request } from 'node:http';

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** The loopback address standing for `ip`: its first octet replaced by 127 (10.1.2.3 → 127.1.2.3). */
export function loopbackFor(ip: string): string {
  const [, ...rest] = ip.split('.');
  return `127.${rest.join('.')}`;
}

export function httpFrom(
  localAddress: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'POST', headers: init.headers, localAddress, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}
