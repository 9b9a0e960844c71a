import { createEvent, type DateArray } from 'ics';
import { addDays, type IsoDate } from '../domain/calendar';

export interface AllDayEvent {
  uid: string;
  date: IsoDate;
  summary: string;
  description: string;
  url: string;
}

/** Content type of the attachment; PUBLISH because nobody is invited to reply. */
export const ICS_CONTENT_TYPE = 'text/calendar; charset=utf-8; method=PUBLISH';

function dateArray(date: IsoDate): DateArray {
  const [year, month, day] = date.split('-').map(Number);
  return [year!, month!, day!];
}

/**
 * A one-event iCalendar file for a legal date. All-day (DATE values), because a
 * deadline is a Brussels calendar day: a timed event would shift into the
 * previous or next day in a calendar set to another time zone.
 */
export function allDayEventIcs(event: AllDayEvent): string {
  const { error, value } = createEvent({
    productId: '-//case-notices//residence files//EN',
    method: 'PUBLISH',
    uid: event.uid,
    start: dateArray(event.date),
    end: dateArray(addDays(event.date, 1)),
    title: event.summary,
    description: event.description,
    url: event.url,
    // A reminder of a deadline, not a meeting: it must not block the recipient's agenda.
    transp: 'TRANSPARENT',
    busyStatus: 'FREE',
  });
  if (error || !value) throw new Error(`cannot build calendar event ${event.uid}: ${error?.message ?? 'no output'}`);
  return value;
}
