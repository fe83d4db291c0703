// The SMS stand-in checks each request's signature as the provider documents it: requests from the
// real SDKs pass; the same requests altered on the way (a man in the middle rewriting the number),
// replayed, or signed with a wrong secret are refused in the provider's own error shape and send
// nothing. The SDKs are driven through the worker's channel modules, so this is the worker's path.
import { createServer, request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError, type OutboxMessage } from '../../worker/channel.ts';
import { readConfig } from '../../worker/config.ts';
import { aliyunChannel } from '../../worker/sms-aliyun.ts';
import { tencentChannel } from '../../worker/sms-tencent.ts';
import { messagePorts, sparePort, startStandIns, uniqueKey, workerEnv, type StandIns } from './messages-harness';

type Tamper = (path: string, body: Buffer) => { path: string; body: Buffer };
let standIns: StandIns;
let proxy: Server;
let tamper: Tamper = (path, body) => ({ path, body });
let replay = false;

// Forwards to the stand-in after `tamper`; with `replay` it sends the same request twice and
// answers with the second reply.
function forward(method: string, path: string, headers: Record<string, unknown>, body: Buffer): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: messagePorts.sms, method, path, headers: { ...headers, 'content-length': body.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  standIns = await startStandIns();
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const changed = tamper(req.url ?? '/', Buffer.concat(chunks));
      let answer = await forward(req.method ?? 'POST', changed.path, req.headers, changed.body);
      if (replay) answer = await forward(req.method ?? 'POST', changed.path, req.headers, changed.body);
      res.writeHead(answer.status, { 'content-type': String(answer.headers['content-type'] ?? 'application/json') });
      res.end(answer.body);
    });
  });
  await new Promise<void>((r) => proxy.listen(sparePort, '127.0.0.1', () => r()));
});
afterAll(async () => {
  await new Promise((r) => proxy?.close(r));
  await standIns?.close();
});

const message = (): OutboxMessage => ({
  id: 1, channel: 'sms', recipient: '13911112222', kind: 'verification_code', params: { code: '424242' },
  idempotency_key: uniqueKey('signature'), claimed_at: new Date(),
});
const viaProxy = (provider: 'aliyun' | 'tencent', extra: Record<string, string> = {}) =>
  readConfig(workerEnv(provider, { XINGHUO_SMS_ENDPOINT: `http://127.0.0.1:${sparePort}`, ...extra }));
const refusal = (p: Promise<unknown>) => p.then(() => 'sent', (e: unknown) => (e instanceof DeliveryError ? e.message : String(e)));
const count = () => standIns.sms.state.sent.length;

describe('Aliyun ACS3-HMAC-SHA256', () => {
  it('accepts the SDK request passed through unchanged (control)', async () => {
    tamper = (path, body) => ({ path, body });
    await expect(aliyunChannel(viaProxy('aliyun')).send(message())).resolves.toMatch(/\^/);
  });

  it('refuses a request whose signed query was rewritten, and sends nothing', async () => {
    tamper = (path, body) => ({ path: path.replace('PhoneNumbers=13911112222', 'PhoneNumbers=13999998888'), body });
    const before = count();
    expect(await refusal(aliyunChannel(viaProxy('aliyun')).send(message()))).toBe('aliyun:SignatureDoesNotMatch');
    expect(count()).toBe(before);
    expect(standIns.sms.state.rejected.at(-1)).toEqual({ provider: 'aliyun', code: 'SignatureDoesNotMatch' });
  });

  it('refuses a replayed request (same signature nonce) and a wrong secret', async () => {
    tamper = (path, body) => ({ path, body });
    replay = true;
    try {
      const before = count();
      expect(await refusal(aliyunChannel(viaProxy('aliyun')).send(message()))).toBe('aliyun:SignatureNonceUsed');
      expect(count()).toBe(before + 1); // the first copy went through, the replay did not
    } finally {
      replay = false;
    }
    const before = count();
    expect(await refusal(aliyunChannel(viaProxy('aliyun', { XINGHUO_SMS_ACCESS_KEY_SECRET: 'not-the-secret' })).send(message()))).toBe('aliyun:SignatureDoesNotMatch');
    expect(count()).toBe(before);
  });
});

describe('Tencent TC3-HMAC-SHA256', () => {
  it('accepts the SDK request passed through unchanged (control)', async () => {
    tamper = (path, body) => ({ path, body });
    await expect(tencentChannel(viaProxy('tencent')).send(message())).resolves.toEqual(expect.any(String));
  });

  it('refuses a request whose signed JSON body was rewritten, and sends nothing', async () => {
    tamper = (path, body) => ({ path, body: Buffer.from(body.toString('utf8').replace('+8613911112222', '+8613999998888')) });
    const before = count();
    expect(await refusal(tencentChannel(viaProxy('tencent')).send(message()))).toBe('tencent:AuthFailure.SignatureFailure');
    expect(count()).toBe(before);
  });

  it('refuses a wrong secret', async () => {
    tamper = (path, body) => ({ path, body });
    const before = count();
    expect(await refusal(tencentChannel(viaProxy('tencent', { XINGHUO_SMS_ACCESS_KEY_SECRET: 'not-the-secret' })).send(message()))).toBe('tencent:AuthFailure.SignatureFailure');
    expect(count()).toBe(before);
  });
});
