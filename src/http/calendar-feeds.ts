import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Language } from '../domain/codes';
import { feedSchema, type Feed, type FeedSubscriber } from '../domain/schemas/calendar-feeds';
import { readJsonFile, replaceJsonFile } from '../json-file';

/**
 * The calendar feeds an admin issued (CALENDAR_FEEDS_FILE): whose deadlines, in which language, and the SHA-256
 * of each feed's secret, never the secret itself. Every API process reads the file again when it changed, so a
 * feed revoked through one API stops on all of them.
 */
const fileSchema = z.object({
  feeds: z.array(feedSchema.extend({ secretSha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});
type StoredFeed = z.infer<typeof fileSchema>['feeds'][number];

const sha256 = (secret: string): string => createHash('sha256').update(secret).digest('hex');
const publicView = ({ secretSha256: _hash, ...feed }: StoredFeed): Feed => feed;

export class CalendarFeeds {
  private feeds: StoredFeed[] = [];
  private readAt = -1;

  constructor(private readonly path: string) {}

  /** A new feed and its secret, which only this answer holds. */
  issue(subscriber: FeedSubscriber, language: Language): { feed: Feed; secret: string } {
    const secret = randomBytes(32).toString('base64url');
    const stored: StoredFeed = {
      feedId: `feed-${randomUUID()}`,
      subscriber,
      language,
      issuedAt: new Date().toISOString(),
      revokedAt: null,
      secretSha256: sha256(secret),
    };
    this.write([...this.load(), stored]);
    return { feed: publicView(stored), secret };
  }

  /** A new secret for a feed: the old address stops at once. */
  reissue(feedId: string): { feed: Feed; secret: string } | undefined {
    const secret = randomBytes(32).toString('base64url');
    const found = this.change(feedId, (f) => ({ ...f, secretSha256: sha256(secret) }));
    return found && { feed: found, secret };
  }

  revoke(feedId: string): Feed | undefined {
    return this.change(feedId, (f) => ({ ...f, revokedAt: f.revokedAt ?? new Date().toISOString() }));
  }

  list(): Feed[] {
    return this.load().map(publicView);
  }

  /** The live feed whose secret this is. */
  bySecret(secret: string): Feed | undefined {
    const hash = sha256(secret);
    const found = this.load().find((f) => f.secretSha256 === hash && f.revokedAt === null);
    return found && publicView(found);
  }

  private change(feedId: string, fn: (f: StoredFeed) => StoredFeed): Feed | undefined {
    const feeds = this.load();
    const i = feeds.findIndex((f) => f.feedId === feedId && f.revokedAt === null);
    if (i < 0) return undefined;
    const changed = fn(feeds[i]!);
    this.write(feeds.map((f, j) => (j === i ? changed : f)));
    return publicView(changed);
  }

  private load(): StoredFeed[] {
    if (!existsSync(this.path)) return [];
    const mtime = statSync(this.path).mtimeMs;
    if (mtime !== this.readAt) {
      this.feeds = readJsonFile(
        this.path,
        fileSchema,
        (p) => new Error(`calendar feeds file ${this.path}: ${p}`),
      ).feeds;
      this.readAt = mtime;
    }
    return this.feeds;
  }

  /** Written whole and renamed into place: a reader never sees half a file. */
  private write(feeds: StoredFeed[]): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    replaceJsonFile(this.path, { feeds });
    this.feeds = feeds;
    this.readAt = statSync(this.path).mtimeMs;
  }
}
