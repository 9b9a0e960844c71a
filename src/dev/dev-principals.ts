import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CENTRES, PROSECUTOR_OFFICES } from '../domain/codes';
import { entryForToken, type PrincipalEntry, type PrincipalSpec } from '../http/principals';

type DevToken = { label: string; token: string; entry: PrincipalEntry };

/**
 * Random dev tokens, made once per checkout: well-known tokens in a committed
 * file would open any deployment that forgot to set PRINCIPALS_FILE.
 */
export function ensureDevPrincipals(principalsPath: string, tokensPath: string): { tokens: Record<string, string>; created: boolean } {
  if (existsSync(principalsPath) && existsSync(tokensPath)) {
    return { tokens: JSON.parse(readFileSync(tokensPath, 'utf8')) as Record<string, string>, created: false };
  }
  const make = (label: string, spec: PrincipalSpec): DevToken => {
    const token = `dev-${label}-${randomBytes(12).toString('hex')}`.toLowerCase();
    return { label, token, entry: entryForToken(token, { ...spec, id: label }) };
  };
  const all: DevToken[] = [
    ...CENTRES.map((centre) => make(`centre-${centre}`, { role: 'centre', centre })),
    make('immigration-office', { role: 'immigration-office' }),
    make('admin', { role: 'admin' }),
    ...PROSECUTOR_OFFICES.map((office) => make(`prosecutor-${office}`, { role: 'prosecutor', office })),
  ];
  mkdirSync(dirname(principalsPath), { recursive: true });
  writeFileSync(principalsPath, `${JSON.stringify(all.map((t) => t.entry), null, 2)}\n`, { mode: 0o600 });
  const tokens = Object.fromEntries(all.map((t) => [t.label, t.token]));
  writeFileSync(tokensPath, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
  return { tokens, created: true };
}
