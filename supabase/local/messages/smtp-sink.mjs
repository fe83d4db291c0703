// The SMTP sink: accepts any mail without authentication on 127.0.0.1 (as Mailpit and Inbucket do
// for `supabase start`), parses it with mailparser and puts it in the store.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const address = (list) =>
  (Array.isArray(list) ? list : list ? [list] : []).flatMap((a) => a.value).map((v) => ({ Name: v.name ?? '', Address: v.address ?? '' }));

export async function startSmtpSink({ port, store }) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 5 * 1024 * 1024,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          store.add({
            kind: 'email',
            from: address(mail.from)[0] ?? { Name: '', Address: '' },
            to: address(mail.to),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            messageId: (mail.messageId ?? '').replace(/^<|>$/g, ''),
            size: Buffer.byteLength(mail.text ?? ''),
          });
          callback();
        })
        .catch((e) => callback(e));
    },
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  return { url: `smtp://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r(undefined))) };
}
