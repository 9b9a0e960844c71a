import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { startMailCatcher, type MailCatcher } from '../../tools/dev/mail-catcher';

describe('dev mail catcher', () => {
  let catcher: MailCatcher;
  const dir = join(mkdtempSync(join(tmpdir(), 'mail-catcher-')), 'mail');

  beforeAll(async () => {
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0, dir });
  });
  afterAll(() => catcher.close());

  it('keeps each mail as an .eml file and lists it on its page', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: catcher.smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    await transport.sendMail({
      from: 'a@example.org',
      to: 'b@example.org',
      subject: 'Status <request>',
      text: 'answer by 2027-01-07',
      html: '<p>x</p>',
    });

    const [file] = readdirSync(dir);
    expect(file).toMatch(/^\d{4}-\d\d-\d\dT[\d-]+Z-1\.eml$/);

    const page = await (await fetch(catcher.httpUrl)).text();
    expect(page).toContain('Status &lt;request&gt;');
    expect(page).toContain('b@example.org');

    const list = (await (await fetch(new URL('messages.json', catcher.httpUrl))).json()) as {
      file: string;
      subject: string;
    }[];
    expect(list).toEqual([expect.objectContaining({ file, subject: 'Status <request>' })]);

    const text = await (await fetch(new URL(`text/${file}`, catcher.httpUrl))).text();
    expect(text).toContain('Subject: Status <request>');
    expect(text).toContain('answer by 2027-01-07');

    const html = await fetch(new URL(`html/${file}`, catcher.httpUrl));
    expect(html.headers.get('content-security-policy')).toContain('sandbox');
    expect((await fetch(new URL('text/..%2Fsecret.eml', catcher.httpUrl))).status).toBe(404);
  });
});
