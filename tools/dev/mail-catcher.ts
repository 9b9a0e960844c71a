import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { escapeHtml as e } from '../../src/mail/compose/render';
import { SmtpServer } from '../stack/smtp-server';

/**
 * The local dev stack's mail relay: accepts every mail on loopback, keeps it
 * as an .eml file and lists it on a small web page, so that `npm start` shows
 * each notice of a case as it is sent.
 */
export interface MailCatcherOptions {
  smtpPort: number;
  httpPort: number;
  /** Where the .eml files go (0600); created if missing (0700). */
  dir: string;
}

export interface MailCatcher {
  smtpPort: number;
  /** Its SMTP server, for a stack to send to (and to stop, which close() does too). */
  smtp: SmtpServer;
  httpUrl: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
const EML_NAME = /^[0-9TZ-]+-\d+\.eml$/;

interface Summary {
  file: string;
  subject: string;
  to: string;
  date: string;
}

const addresses = (to: AddressObject | AddressObject[] | undefined): string =>
  (Array.isArray(to) ? to : to ? [to] : []).map((a) => a.text).join(', ');

export async function startMailCatcher(options: MailCatcherOptions): Promise<MailCatcher> {
  // The mails name their recipients: this user's alone.
  await mkdir(options.dir, { recursive: true, mode: 0o700 });
  let received = 0;

  const smtp = new SmtpServer({
    port: options.smtpPort,
    // Parsed when a page shows it, not on arrival.
    parse: false,
    async store(source) {
      received += 1;
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${received}.eml`;
      const partial = join(options.dir, `${name}.part`);
      // Written aside and renamed, so the page never lists half a mail.
      await writeFile(partial, source, { mode: 0o600 });
      await rename(partial, join(options.dir, name));
    },
  });

  const parsed = new Map<string, ParsedMail>();
  async function open(file: string): Promise<ParsedMail | undefined> {
    if (!EML_NAME.test(file)) return undefined;
    const cached = parsed.get(file);
    if (cached) return cached;
    try {
      const mail = await simpleParser(await readFile(join(options.dir, file)));
      parsed.set(file, mail);
      return mail;
    } catch {
      return undefined;
    }
  }

  async function summaries(): Promise<Summary[]> {
    const files = (await readdir(options.dir))
      .filter((f) => EML_NAME.test(f))
      .sort()
      .reverse();
    const mails = await Promise.all(files.map(async (file) => ({ file, mail: await open(file) })));
    return mails.flatMap(({ file, mail }) =>
      mail ? [{ file, subject: mail.subject ?? '', to: addresses(mail.to), date: mail.date?.toISOString() ?? '' }] : [],
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://catcher');
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        'content-type': `${type}; charset=utf-8`,
        'x-content-type-options': 'nosniff',
        ...headers,
      });
      res.end(body);
    };
    if (req.method !== 'GET') return send(405, 'text/plain', 'method not allowed');
    if (url.pathname === '/') return send(200, 'text/html', listPage(await summaries()));
    if (url.pathname === '/messages.json') return send(200, 'application/json', JSON.stringify(await summaries()));

    const [, view, file = ''] = /^\/(text|html|raw)\/([^/]+)$/.exec(url.pathname) ?? [];
    const mail = view ? await open(file) : undefined;
    if (!view || !mail) return send(404, 'text/plain', 'no such mail');
    if (view === 'raw') return send(200, 'text/plain', await readFile(join(options.dir, file), 'utf8'));
    if (view === 'html') {
      // The mail's own HTML, sandboxed: no script, no network, as a careful mail client shows it.
      return send(200, 'text/html', typeof mail.html === 'string' ? mail.html : '<p>(no HTML part)</p>', {
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      });
    }
    return send(200, 'text/plain', textView(mail));
  }

  const http: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('mail catcher error');
    });
  });

  try {
    await smtp.start();
  } catch (err) {
    throw new Error(`mail catcher ${(err as Error).message}`, { cause: err });
  }
  try {
    await new Promise<void>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) =>
        reject(
          new Error(
            `mail catcher cannot listen for HTTP on ${LOOPBACK}:${options.httpPort}: ${err.code ?? err.message}`,
          ),
        );
      http.once('error', onError);
      http.listen(options.httpPort, LOOPBACK, () => {
        http.off('error', onError);
        resolve();
      });
    });
  } catch (err) {
    await smtp.stop();
    throw err;
  }
  const httpPort = (http.address() as AddressInfo).port;

  return {
    smtpPort: smtp.port,
    smtp,
    httpUrl: `http://${LOOPBACK}:${httpPort}/`,
    close: async () => {
      http.closeAllConnections();
      await Promise.all([new Promise<void>((resolve) => http.close(() => resolve())), smtp.stop()]);
    },
  };
}

function textView(mail: ParsedMail): string {
  const attachments = mail.attachments.map((a) => `${a.filename ?? '(unnamed)'} (${a.contentType}, ${a.size} bytes)`);
  return [
    `From: ${addresses(mail.from)}`,
    `To: ${addresses(mail.to)}`,
    `Date: ${mail.date?.toISOString() ?? ''}`,
    `Subject: ${mail.subject ?? ''}`,
    `Message-ID: ${mail.messageId ?? ''}`,
    ...(attachments.length > 0 ? [`Attachments: ${attachments.join('; ')}`] : []),
    '',
    mail.text ?? '(no text part)',
  ].join('\n');
}

function listPage(mails: Summary[]): string {
  const rows = mails.map(
    (m) =>
      `<tr><td>${e(m.date)}</td><td>${e(m.to)}</td><td><a href="/text/${e(m.file)}">${e(m.subject || '(no subject)')}</a></td>` +
      `<td><a href="/html/${e(m.file)}">html</a> · <a href="/raw/${e(m.file)}">raw</a></td></tr>`,
  );
  return (
    '<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>Mail catcher</title>' +
    '<style>body{font-family:sans-serif}td,th{padding:3px 10px;text-align:left;border-bottom:1px solid #ddd}</style></head><body>' +
    `<h1>Caught mail (${mails.length})</h1>` +
    (mails.length === 0
      ? '<p>No mail yet. This page refreshes every 5 seconds.</p>'
      : `<table><tr><th>date</th><th>to</th><th>subject</th><th></th></tr>${rows.join('')}</table>`) +
    '</body></html>'
  );
}
