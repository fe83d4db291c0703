// Every message the local stand-ins received (e-mail from the SMTP sink, SMS from the provider
// stand-in), kept in memory in the shape of Mailpit's message summary, newest first, as the viewer
// and tests read them. Local only: the data is demo data.
import { randomUUID } from 'node:crypto';

export function createStore() {
  /** @type {Array<Record<string, any>>} */
  const messages = [];
  const listeners = new Set();
  return {
    /** @param {{ kind: 'email'|'sms', from: {Name: string, Address: string}, to: {Name: string, Address: string}[], subject: string, text: string, messageId?: string, size?: number, tags?: string[], extra?: Record<string, unknown> }} m */
    add(m) {
      const entry = {
        ID: randomUUID(),
        MessageID: m.messageId ?? '',
        Read: false,
        From: m.from,
        To: m.to,
        Cc: [],
        Bcc: [],
        ReplyTo: [],
        Subject: m.subject,
        Created: new Date().toISOString(),
        Username: '',
        Tags: m.tags ?? [m.kind],
        Size: m.size ?? Buffer.byteLength(m.text),
        Attachments: 0,
        Snippet: m.text.slice(0, 250),
        Text: m.text,
        ...m.extra,
      };
      messages.unshift(entry);
      for (const listener of listeners) listener(entry);
      return entry;
    },
    all: () => messages,
    get: (id) => messages.find((m) => m.ID === id),
    clear() {
      messages.length = 0;
    },
    onAdd(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
