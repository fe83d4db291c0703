// The local SMS provider: one HTTP endpoint that answers the real Aliyun and Tencent SDKs (told
// apart by their x-acs-action / X-TC-Action headers), checks each request's signature as the
// provider documents it, answers in the provider's JSON shape and error codes, and puts every
// accepted SMS in the store. `fail()` makes the next sends fail with a provider error code (tests);
// `delayMs` holds each answer back after the SMS is accepted, like a slow network.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { isMessageKind, messageKinds, renderMessage, smsSegments } from '../../../src/lib/message-kinds.ts';
import { verifyAcs3, verifyTc3 } from './signatures.mjs';
import { aliyunAction, tencentAction } from './sms-actions.mjs';

const readBody = (req) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/**
 * @param {{ port: number, store: ReturnType<import('./store.mjs').createStore>, credentials: Record<string, string>,
 *   signName: string, templateKinds: Record<string, string>, appId: string, delayMs?: number }} opts
 */
export async function startSmsProvider({ port, store, credentials, signName, templateKinds, appId, delayMs = 0 }) {
  const kindOf = new Map(Object.entries(templateKinds));
  const state = {
    /** Every accepted SMS, for QuerySendDetails / PullSmsSendStatusByPhoneNumber. */
    sent: [],
    /** Requests refused for their signature (tests read it). */
    rejected: [],
    faults: [],
    nonces: new Set(),
    delayMs,
    signName,
    appId,
    templateKnown: (id) => kindOf.has(id),
    accept({ provider, phone, templateId, params, reference }) {
      const kind = kindOf.get(templateId);
      const known = kind && isMessageKind(kind) ? kind : undefined;
      // Tencent templates number their variables {1}, {2}… in the kind's declared order.
      const named = known && provider === 'tencent' ? Object.fromEntries(messageKinds[known].params.map((n, i) => [n, params[String(i + 1)]])) : params;
      const body = known ? renderMessage(known, named) : JSON.stringify(params);
      const text = `【${signName}】${body}`;
      const record = { provider, phone, templateId, params, reference, id: randomUUID(), at: new Date() };
      state.sent.push(record);
      store.add({
        kind: 'sms',
        from: { Name: signName, Address: `${provider}-sms` },
        to: [{ Name: '', Address: phone }],
        // As a provider's console shows it: how many billed parts the carrier splits the text into.
        subject: `短信：${known ? messageKinds[known].label : templateId}（计费 ${smsSegments(body, signName)} 条）`,
        text,
        messageId: reference ?? '',
        tags: ['sms', provider],
      });
      return record;
    },
    /** The first fault that applies to a send to `phone`, consumed. */
    takeFault(phone) {
      const at = state.faults.findIndex((f) => f.phone === undefined || f.phone === phone);
      if (at < 0) return undefined;
      const fault = state.faults[at];
      fault.times -= 1;
      if (fault.times <= 0) state.faults.splice(at, 1);
      return fault.code;
    },
  };

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]));
    const base = { method: req.method ?? 'GET', path: url.pathname, search: url.search.slice(1), headers, body, secretFor: (id) => credentials[id] };
    const send = async (status, json) => {
      if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
      res.end(JSON.stringify(json));
    };
    try {
      if (headers['x-acs-action']) {
        const check = verifyAcs3({ ...base, seenNonce: (n) => state.nonces.has(n) || (state.nonces.add(n), false) });
        if (!check.ok) {
          state.rejected.push({ provider: 'aliyun', code: check.code });
          return void (await send(check.code.startsWith('InvalidAccessKeyId') ? 404 : 400, {
            RequestId: randomUUID(), HostId: headers.host, Code: check.code, Message: check.message,
          }));
        }
        const [status, json] = aliyunAction(state, headers['x-acs-action'], Object.fromEntries(url.searchParams));
        return void (await send(status, json));
      }
      if (headers['x-tc-action']) {
        const check = verifyTc3({ ...base, service: 'sms' });
        const requestId = randomUUID();
        if (!check.ok) {
          state.rejected.push({ provider: 'tencent', code: check.code });
          return void (await send(200, { Response: { Error: { Code: check.code, Message: check.message }, RequestId: requestId } }));
        }
        const result = tencentAction(state, headers['x-tc-action'], JSON.parse(body.toString('utf8') || '{}'));
        return void (await send(200, { Response: { ...result, RequestId: requestId } }));
      }
      await send(404, { error: 'not an Aliyun or Tencent SMS request' });
    } catch {
      await send(500, { error: 'stand-in error' });
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    /**
     * The next `times` SendSms calls fail with this provider error code: any call, or only those to
     * `phone` (so other messages a worker happens to deliver meanwhile cannot use the faults up).
     * @param {string} code
     * @param {number} [times]
     * @param {string} [phone]
     */
    fail(code, times = 1, phone = undefined) {
      state.faults.push({ code, times, phone });
    },
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r(undefined)); }),
  };
}
