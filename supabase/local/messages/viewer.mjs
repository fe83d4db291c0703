// The message viewer on 54324 (where `supabase start` puts its mail viewer): e-mail and SMS in one
// list. JSON follows Mailpit's API: GET /api/v1/messages (summaries, newest first, ?start=&limit=),
// GET /api/v1/message/<ID> (with Text), DELETE /api/v1/messages. GET / is a plain HTML page.
import { createServer } from 'node:http';

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const summary = ({ Text: _text, ...rest }) => rest;

function page(messages) {
  const rows = messages
    .map(
      (m) => `<li><p><strong>${escape(m.Subject)}</strong> → ${escape(m.To.map((t) => t.Address).join(', '))}
        <small>${escape(m.Tags.join(' · '))} · ${escape(m.Created)}</small></p><pre>${escape(m.Text)}</pre></li>`,
    )
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>星火 · 本地消息</title><style>body{font:18px/1.6 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}
li{border-bottom:1px solid #999;list-style:none}pre{white-space:pre-wrap;font:inherit}small{color:#444}</style>
<h1>本地短信与邮件（${messages.length} 条）</h1><p>只在本机：本地短信服务和 SMTP 收到的全部消息，每 5 秒刷新。JSON：<a href="/api/v1/messages">/api/v1/messages</a></p>
<ul>${rows || '<li>还没有消息。</li>'}</ul></html>`;
}

export async function startViewer({ port, store }) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://viewer');
    const json = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const all = store.all();
    if (req.method === 'GET' && url.pathname === '/api/v1/messages') {
      const start = Math.max(0, Number(url.searchParams.get('start') ?? 0) || 0);
      const limit = Math.max(1, Number(url.searchParams.get('limit') ?? 50) || 50);
      const messages = all.slice(start, start + limit).map(summary);
      const unread = all.filter((m) => !m.Read).length;
      return json(200, { total: all.length, unread, count: messages.length, messages_count: all.length, messages_unread: unread, start, tags: [...new Set(all.flatMap((m) => m.Tags))].sort(), messages });
    }
    if (req.method === 'DELETE' && url.pathname === '/api/v1/messages') {
      store.clear();
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('ok');
    }
    const one = /^\/api\/v1\/message\/([\w-]+)$/.exec(url.pathname);
    if (req.method === 'GET' && one) {
      const m = store.get(one[1]);
      if (!m) return json(404, { error: 'message not found' });
      m.Read = true;
      return json(200, { ...m, Date: m.Created, HTML: '', Inline: [], Attachments: [], ReturnPath: m.From.Address });
    }
    if (req.method === 'GET' && url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(page(all));
    }
    json(404, { error: 'not found' });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r(undefined)); }) };
}
