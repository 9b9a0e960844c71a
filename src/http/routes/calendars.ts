import { Router } from 'express';
import { z } from 'zod';
import {
  feedIdSchema,
  feedRequestSchema,
  feedSecretSchema,
  type Feed,
  feedListSchema,
  issuedFeedSchema,
} from '../../domain/schemas/calendar-feeds';
import type { CalendarFeeds } from '../calendar-feeds';
import type { CaseIndexStore } from '../../case-index/case-index-store';
import { DeadlineFeeds } from '../../cases/deadline-feed';
import { ServiceProblem } from '../../cases/problems';
import { auditFeed } from '../../audit/request-context';
import { ANY, BODY, COMMON, json, NO_QUERY_PARAMETERS, NOT_FOUND, type ApiDocument } from '../openapi';
import { noQuery, parseOr400 } from '../validate';
import { requireRole } from '../../identity/require-role';

const noFeed = () => new ServiceProblem('resourceNotFound', (p) => p.problems.noResource);

/** Admin: issue, list, reissue and revoke the calendar feeds (mounted on /v1, behind the bearer token). */
export function calendarFeedsRouter(feeds: CalendarFeeds, base: string): Router {
  const r = Router();
  const adminOnly = requireRole('admin');
  const withUrl = (feed: Feed, secret: string) => ({ ...feed, url: `${base}/calendars/${secret}` });

  r.post('/calendar-feeds', adminOnly, (req, res) => {
    auditFeed(res, 'calendar.issue', undefined);
    const { subscriber, language } = parseOr400(feedRequestSchema, req.body, 'body');
    const { feed, secret } = feeds.issue(subscriber, language);
    auditFeed(res, 'calendar.issue', feed.feedId);
    res.status(201).location(`/v1/calendar-feeds/${feed.feedId}`).json(withUrl(feed, secret));
  });

  r.get('/calendar-feeds', adminOnly, noQuery, (_req, res) => {
    auditFeed(res, 'calendar.list', undefined);
    res.json({ self: `${base}/v1/calendar-feeds`, items: feeds.list() });
  });

  r.post('/calendar-feeds/:feedId/reissue', adminOnly, (req, res) => {
    const feedId = parseOr400(feedIdSchema, req.params.feedId, 'path', 'feedId');
    auditFeed(res, 'calendar.reissue', feedId);
    const reissued = feeds.reissue(feedId);
    if (!reissued) throw noFeed();
    res.json(withUrl(reissued.feed, reissued.secret));
  });

  r.delete('/calendar-feeds/:feedId', adminOnly, (req, res) => {
    const feedId = parseOr400(feedIdSchema, req.params.feedId, 'path', 'feedId');
    auditFeed(res, 'calendar.revoke', feedId);
    if (!feeds.revoke(feedId)) throw noFeed();
    res.status(204).end();
  });
  return r;
}

/** The feeds themselves: the secret in the address is the only credential a calendar program can send. */
export function calendarRouter(feeds: CalendarFeeds, caseIndex: CaseIndexStore, base: string): Router {
  const r = Router();
  const deadlineFeeds = new DeadlineFeeds(caseIndex, base);
  r.get('/calendars/:secret', noQuery, async (req, res) => {
    auditFeed(res, 'calendar.read', undefined);
    const secret = parseOr400(feedSecretSchema, req.params.secret, 'path', 'secret');
    const feed = feeds.bySecret(secret);
    if (!feed) throw noFeed();
    // Which feed was read: its secret is the only credential, so its id is how an auditor follows it.
    auditFeed(res, 'calendar.read', feed.feedId);
    const { text: ics, version } = await deadlineFeeds.read(feed.feedId, feed.subscriber, feed.language);
    res
      .status(200)
      // The index's version names what the feed shows: a calendar program that has it gets 304, and no feed of
      // megabytes is hashed on each read to make one.
      .set('ETag', `"${version}-${feed.language}"`)
      .type('text/calendar; charset=utf-8')
      .set('Content-Language', feed.language)
      .set('Cache-Control', 'private, max-age=300')
      .send(ics);
  });
  return r;
}

/** The deadline calendars' operations. */
export function documentCalendars(api: ApiDocument): void {
  api.registerPath({
    method: 'post',
    path: '/v1/calendar-feeds',
    operationId: 'issueCalendarFeed',
    tags: ['Calendars'],
    summary: 'Issue a deadline calendar',
    description:
      "An admin issues a calendar feed for a centre, a prosecutor's office or the Immigration Office. The answer's `url` holds a long random secret, shown this once: hand it to the subscriber, who adds it to a calendar program.",
    request: { body: { required: true, content: { 'application/json': { schema: feedRequestSchema } } } },
    responses: {
      201: {
        ...json(issuedFeedSchema, 'The feed, with its address'),
        headers: { Location: { description: 'The feed', schema: { type: 'string' as const } } },
      },
      ...COMMON,
      ...BODY,
    },
  });
  api.registerPath({
    method: 'get',
    path: '/v1/calendar-feeds',
    operationId: 'listCalendarFeeds',
    tags: ['Calendars'],
    summary: 'List the deadline calendars',
    description: 'Every feed issued, live or revoked, without its secret.',
    responses: { 200: json(feedListSchema, 'The feeds'), ...COMMON },
  });
  api.registerPath({
    method: 'post',
    path: '/v1/calendar-feeds/{feedId}/reissue',
    operationId: 'reissueCalendarFeed',
    tags: ['Calendars'],
    summary: 'Give a deadline calendar a new secret',
    description: 'The old address stops at once; the answer holds the new one.',
    request: { params: z.object({ feedId: feedIdSchema }) },
    responses: {
      200: json(issuedFeedSchema, 'The feed, with its new address'),
      ...COMMON,
      ...NOT_FOUND('No such live feed'),
    },
  });
  api.registerPath({
    method: 'delete',
    path: '/v1/calendar-feeds/{feedId}',
    operationId: 'revokeCalendarFeed',
    tags: ['Calendars'],
    summary: 'Revoke a deadline calendar',
    description: 'Its address stops at once, for every API process.',
    request: { params: z.object({ feedId: feedIdSchema }) },
    responses: { 204: { description: 'Revoked' }, ...COMMON, ...NOT_FOUND('No such live feed') },
  });
  api.registerPath({
    method: 'get',
    path: '/calendars/{secret}',
    operationId: 'getDeadlineCalendar',
    tags: ['Calendars'],
    summary: 'A deadline calendar (iCalendar)',
    description:
      "The subscriber's deadlines as all-day events (RFC 5545), in neutral words: the step and the case reference. Each event's UID stays the same and its SEQUENCE grows, so a moved deadline moves in the calendar. The secret in the address is the only credential.",
    security: [],
    request: { params: z.object({ secret: feedSecretSchema }) },
    responses: {
      200: {
        description: 'The calendar',
        content: { 'text/calendar': { schema: z.string().meta({ description: 'An iCalendar file (RFC 5545)' }) } },
      },
      ...NO_QUERY_PARAMETERS,
      ...NOT_FOUND('No live feed has this secret'),
      ...ANY,
    },
  });
}
