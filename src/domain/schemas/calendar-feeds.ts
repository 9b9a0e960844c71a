import { z } from 'zod';
import { centreCode, language, prosecutorOffice } from './common';
import { FIELD_RULES } from './field-rules';

/** Whose deadlines a calendar feed shows: a centre's cases, an office's status queries, or every case. */
export const feedSubscriberSchema = z
  .union([
    z.strictObject({ centre: centreCode }),
    z.strictObject({ prosecutorOffice }),
    z.strictObject({ immigrationOffice: z.literal(true) }),
  ])
  .meta({
    id: 'FeedSubscriber',
    description:
      "A centre (its cases' deadlines), a prosecutor's office or a Principal Crown Prosecutor (the replies to the status queries addressed to it), or the Immigration Office (every case's deadlines)",
  });
export type FeedSubscriber = z.infer<typeof feedSubscriberSchema>;

/** The body of POST /v1/calendar-feeds. */
export const feedRequestSchema = z
  .strictObject({
    subscriber: feedSubscriberSchema,
    language: language.meta({ description: 'The language of the events' }),
  })
  .meta({ id: 'CalendarFeedRequest' });

export const feedIdSchema = z.string().regex(/^feed-[0-9a-f-]{36}$/, FIELD_RULES.feedId);

/** A feed as the admin sees it: never its secret, which only the answer that makes it holds. */
export const feedSchema = z
  .object({
    feedId: z.string(),
    subscriber: feedSubscriberSchema,
    language,
    issuedAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'CalendarFeed' });
export type Feed = z.infer<typeof feedSchema>;

/** The answer that issues a feed: its address, with the secret, shown this once. */
export const issuedFeedSchema = feedSchema
  .extend({
    url: z.url().meta({ description: 'Subscribe the calendar program to this address; it holds the secret' }),
  })
  .meta({ id: 'IssuedCalendarFeed' });

export const feedListSchema = z.object({ self: z.url(), items: z.array(feedSchema) }).meta({ id: 'CalendarFeedList' });

/** The secret in a feed's address: 32 random bytes, base64url. */
export const feedSecretSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, FIELD_RULES.calendarSecret);
