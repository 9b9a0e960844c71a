import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '../domain/procedure/state';
import { readJsonFile } from '../json-file';
import { centreCode, prosecutorOffice } from '../domain/schemas/common';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256');
/**
 * A machine client holds a token (only its SHA-256 is kept); a person signs in to the workspace with
 * OpenID Connect and is known by the subject or the e-mail claim of the identity provider.
 */
const base = {
  tokenSha256: sha256Hex.optional(),
  oidcSubject: z.string().min(1).max(255).optional(),
  oidcEmail: z.email().optional(),
  id: z.string().min(1).max(100).optional(),
  /** How the pages name the person (the history, four eyes); without it, the id. */
  name: z.string().min(1).max(100).optional(),
};
const principalSchema = z
  .discriminatedUnion('role', [
    z.strictObject({ ...base, role: z.literal('centre'), centre: centreCode }),
    z.strictObject({ ...base, role: z.literal('prosecutor'), office: prosecutorOffice }),
    z.strictObject({ ...base, role: z.literal('immigration-office') }),
    z.strictObject({ ...base, role: z.literal('admin') }),
  ])
  .refine((e) => e.tokenSha256 || e.oidcSubject || e.oidcEmail, {
    message: 'an entry needs a tokenSha256, an oidcSubject or an oidcEmail',
  })
  // Four eyes and the audit name people by id: a person's entry has one of its own.
  .refine((e) => e.id || !(e.oidcSubject || e.oidcEmail), {
    path: ['id'],
    message: 'an entry for a person (oidcSubject or oidcEmail) needs its own id',
  });
const principalsFileSchema = z
  .array(principalSchema)
  .min(1)
  .superRefine((entries, ctx) => {
    const ids = entries.flatMap((e) => (e.id ? [e.id] : []));
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate !== undefined) ctx.addIssue({ code: 'custom', message: `the id "${duplicate}" is given twice` });
  });
export type PrincipalEntry = z.infer<typeof principalSchema>;

/** An authenticated caller: an Actor with an id safe for logs and audit (never the token). */
export type Principal = Actor & { id: string };

export const sha256 = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

type WithoutHash<T> = T extends unknown ? Omit<T, 'tokenSha256' | 'oidcSubject' | 'oidcEmail'> : never;
export type PrincipalSpec = WithoutHash<PrincipalEntry>;

/** The file entry for a token: only its hash is kept. */
export const entryForToken = (token: string, spec: PrincipalSpec): PrincipalEntry => ({
  ...spec,
  tokenSha256: sha256(token).toString('hex'),
});

/** Who the identity provider says signed in. */
export interface SignedInIdentity {
  sub: string;
  email?: string;
  emailVerified?: boolean;
}

export class Principals {
  private readonly entries: { hash?: Buffer; subject?: string; email?: string; name?: string; principal: Principal }[];

  constructor(entries: PrincipalEntry[]) {
    this.entries = entries.map((e) => ({
      ...(e.tokenSha256 ? { hash: Buffer.from(e.tokenSha256, 'hex') } : {}),
      ...(e.oidcSubject ? { subject: e.oidcSubject } : {}),
      ...(e.oidcEmail ? { email: e.oidcEmail.toLowerCase() } : {}),
      ...(e.name ? { name: e.name } : {}),
      principal: {
        id:
          e.id ??
          `${e.role}${'centre' in e ? `:${e.centre}` : ''}${'office' in e ? `:${e.office}` : ''}:${e.tokenSha256?.slice(0, 8)}`,
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
    for (const e of this.entries) if (e.hash && timingSafeEqual(e.hash, presented)) found ??= e.principal;
    return found;
  }

  /** The person an identity is mapped to: by subject, else by a verified e-mail address. */
  signedIn(identity: SignedInIdentity): Principal | undefined {
    const bySubject = this.entries.find((e) => e.subject === identity.sub);
    if (bySubject) return bySubject.principal;
    const email = identity.emailVerified ? identity.email?.toLowerCase() : undefined;
    return email ? this.entries.find((e) => e.email === email)?.principal : undefined;
  }

  /** A principal by its id, as a session names it. */
  byId(id: string): Principal | undefined {
    return this.entries.find((e) => e.principal.id === id)?.principal;
  }

  /** How the pages name a person: the name the principals file gives, else the id (someone since removed too). */
  nameOf(id: string): string {
    return this.entries.find((e) => e.principal.id === id)?.name ?? id;
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
