import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CENTRES, PROSECUTOR_OFFICES } from '../../src/domain/codes';
import { entryForToken, type PrincipalEntry, type PrincipalSpec } from '../../src/identity/principals';

type DevToken = { label: string; token: string; entry: PrincipalEntry };

/** The names the pages show for the dev accounts of people (made up). */
const DEV_CASEWORKERS: Record<(typeof CENTRES)[number], string> = {
  'PAG-ASA': 'Elif Yilmaz',
  PAYOKE: 'Lotte Peeters',
  SURYA: 'Julie Lambert',
};

/**
 * Random dev tokens, made once per checkout: well-known tokens in a committed
 * file would open any deployment that forgot to set PRINCIPALS_FILE. A checkout
 * made before an office existed gets a token for it, and keeps the others; the
 * principals file is written afresh each time, so it follows the entries' shape.
 */
export function ensureDevPrincipals(
  principalsPath: string,
  tokensPath: string,
): { tokens: Record<string, string>; roles: Record<string, PrincipalEntry['role']>; created: boolean } {
  const specs: [string, PrincipalSpec][] = [
    ...CENTRES.map((centre): [string, PrincipalSpec] => [
      `centre-${centre}`,
      { role: 'centre', centre, name: DEV_CASEWORKERS[centre] },
    ]),
    ['immigration-office', { role: 'immigration-office', name: 'Anna Janssens' }],
    // A second officer: a withdrawal reported by one is decided by another (four eyes).
    ['immigration-office-2', { role: 'immigration-office', name: 'Marc Dubois' }],
    ['admin', { role: 'admin', name: 'Sofie Maes' }],
    // A second admin: an erasure one admin requests, another confirms (four eyes).
    ['admin-2', { role: 'admin', name: 'Luc Peeters' }],
    ...PROSECUTOR_OFFICES.map((office): [string, PrincipalSpec] => [
      `prosecutor-${office}`,
      { role: 'prosecutor', office },
    ]),
  ];
  const existing =
    existsSync(principalsPath) && existsSync(tokensPath)
      ? (JSON.parse(readFileSync(tokensPath, 'utf8')) as Record<string, string>)
      : {};
  const complete = specs.every(([label]) => Object.hasOwn(existing, label));

  const all: DevToken[] = specs.map(([label, spec]) => {
    const token = existing[label] ?? `dev-${label}-${randomBytes(12).toString('hex')}`.toLowerCase();
    // One person per label: a token for the API, the same name as the dev identity provider's account.
    return { label, token, entry: { ...entryForToken(token, { ...spec, id: label }), oidcSubject: label } };
  });
  mkdirSync(dirname(principalsPath), { recursive: true });
  writeFileSync(
    principalsPath,
    `${JSON.stringify(
      all.map((t) => t.entry),
      null,
      2,
    )}\n`,
    { mode: 0o600 },
  );
  const tokens = Object.fromEntries(all.map((t) => [t.label, t.token]));
  // The role of each account of the dev identity provider (the same labels): what its Web UI token may carry.
  const roles = Object.fromEntries(all.map((t) => [t.label, t.entry.role]));
  if (complete) return { tokens, roles, created: false };
  writeFileSync(tokensPath, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
  return { tokens, roles, created: true };
}
