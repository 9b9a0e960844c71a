import { Router } from 'express';
import { feedIdSchema, feedRequestSchema, feedSecretSchema, type Feed } from '../../domain/schemas/calendar-feeds';
import type { CalendarFeeds } from '../calendar-feeds';
import type { CaseGateway } from '../../cases/case-gateway';
import { deadlineFeed } from '../../cases/deadline-feed';
import { ServiceProblem } from '../../cases/problems';
import { auditAs } from '../../audit/request-context';
import { noQuery, parseOr400 } from '../validate';
import { requireRole } from '../../identity/require-role';

const noFeed = () => new ServiceProblem('resourceNotFound', (p) => p.problems.noResource);

/** Admin: issue, list, reissue and revoke the calendar feeds (mounted on /v1, behind the bearer token). */
export function calendarFeedsRouter(feeds: CalendarFeeds, base: string): Router {
  const r = Router();
  const adminOnly = requireRole('admin');
  const withUrl = (feed: Feed, secret: string) => ({ ...feed, url: `${base}/calendars/${secret}` });

  r.post('/calendar-feeds', adminOnly, (req, res) => {
    auditAs(res, 'calendar.issue', null);
    const { subscriber, language } = parseOr400(feedRequestSchema, req.body, 'body');
    const { feed, secret } = feeds.issue(subscriber, language);
    res.status(201).location(`/v1/calendar-feeds/${feed.feedId}`).json(withUrl(feed, secret));
  });

  r.get('/calendar-feeds', adminOnly, noQuery, (_req, res) => {
    auditAs(res, 'calendar.list', null);
    res.json({ self: `${base}/v1/calendar-feeds`, items: feeds.list() });
  });

  r.post('/calendar-feeds/:feedId/reissue', adminOnly, (req, res) => {
    const feedId = parseOr400(feedIdSchema, req.params.feedId, 'path', 'feedId');
    auditAs(res, 'calendar.reissue', null);
    const reissued = feeds.reissue(feedId);
    if (!reissued) throw noFeed();
    res.json(withUrl(reissued.feed, reissued.secret));
  });

  r.delete('/calendar-feeds/:feedId', adminOnly, (req, res) => {
    const feedId = parseOr400(feedIdSchema, req.params.feedId, 'path', 'feedId');
    auditAs(res, 'calendar.revoke', null);
    if (!feeds.revoke(feedId)) throw noFeed();
    res.status(204).end();
  });
  return r;
}

/** The feeds themselves: the secret in the address is the only credential a calendar program can send. */
export function calendarRouter(feeds: CalendarFeeds, gateway: CaseGateway, base: string): Router {
  const r = Router();
  r.get('/calendars/:secret', noQuery, async (req, res) => {
    auditAs(res, 'calendar.read', null);
    const secret = parseOr400(feedSecretSchema, req.params.secret, 'path', 'secret');
    const feed = feeds.bySecret(secret);
    if (!feed) throw noFeed();
    const ics = await deadlineFeed(gateway, feed.subscriber, feed.language, base);
    res
      .status(200)
      .type('text/calendar; charset=utf-8')
      .set('Content-Language', feed.language)
      .set('Cache-Control', 'private, max-age=300')
      .send(ics);
  });
  return r;
}
