import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '../domain/procedure/state';
import { readJsonFile } from '../json-file';
import { centreCode, prosecutorOffice } from '../domain/schemas/common';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256');
const base = { tokenSha256: sha256Hex, id: z.string().min(1).max(100).optional() };
const principalSchema = z.discriminatedUnion('role', [
  z.strictObject({ ...base, role: z.literal('centre'), centre: centreCode }),
  z.strictObject({ ...base, role: z.literal('prosecutor'), office: prosecutorOffice }),
  z.strictObject({ ...base, role: z.literal('immigration-office') }),
  z.strictObject({ ...base, role: z.literal('admin') }),
]);
const principalsFileSchema = z.array(principalSchema).min(1);
export type PrincipalEntry = z.infer<typeof principalSchema>;

/** An authenticated caller: an Actor with an id safe for logs and audit (never the token). */
export type Principal = Actor & { id: string };

export const sha256 = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

type WithoutHash<T> = T extends unknown ? Omit<T, 'tokenSha256'> : never;
export type PrincipalSpec = WithoutHash<PrincipalEntry>;

/** The file entry for a token: only its hash is kept. */
export const entryForToken = (token: string, spec: PrincipalSpec): PrincipalEntry => ({
  ...spec,
  tokenSha256: sha256(token).toString('hex'),
});

export class Principals {
  private readonly entries: { hash: Buffer; principal: Principal }[];

  constructor(entries: PrincipalEntry[]) {
    this.entries = entries.map((e) => ({
      hash: Buffer.from(e.tokenSha256, 'hex'),
      principal: {
        id:
          e.id ??
          `${e.role}${'centre' in e ? `:${e.centre}` : ''}${'office' in e ? `:${e.office}` : ''}:${e.tokenSha256.slice(0, 8)}`,
        role: e.role,
        ...('centre' in e ? { centre: e.centre } : {}),
        ...('office' in e ? { office: e.office } : {}),
      },
    }));
  }

  /** Compares the token's SHA-256 with every entry in constant time, so timing reveals nothing about which is close. */
  authenticate(authorization: string | undefined): Principal | undefined {
    const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(authorization ?? '');
    if (!match?.[1]) return undefined;
    const presented = sha256(match[1]);
    let found: Principal | undefined;
    for (const e of this.entries) if (timingSafeEqual(e.hash, presented)) found ??= e.principal;
    return found;
  }
}

/** Thrown when the principals file is unreadable or invalid; the message names the file and each bad entry, never a hash. */
export class PrincipalsFileError extends Error {
  override name = 'PrincipalsFileError';
}

export function loadPrincipals(path: string): Principals {
  return new Principals(
    readJsonFile(
      path,
      principalsFileSchema,
      (problem) => new PrincipalsFileError(`PRINCIPALS_FILE ${path}: ${problem}`),
    ),
  );
}
