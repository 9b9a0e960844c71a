import ical, { foldLines, ICalCalendarMethod, ICalEventBusyStatus, ICalEventTransparency } from 'ical-generator';
import { addDays, type IsoDate } from '../../domain/calendar';

export interface AllDayEvent {
  uid: string;
  date: IsoDate;
  summary: string;
  description: string;
  url: string;
  /** RFC 5545 SEQUENCE: higher each time the event changes, so a calendar takes the new date. */
  sequence?: number;
}

/** Content type of the attachment; PUBLISH because nobody is invited to reply. */
export const ICS_CONTENT_TYPE = 'text/calendar; charset=utf-8; method=PUBLISH';

/** ical-generator writes an all-day date from the UTC fields of a Date when no time zone is set. */
const utcMidnight = (date: IsoDate): Date => new Date(`${date}T00:00:00Z`);

const calendarOptions = (name?: string) => ({
  prodId: '//case-notices//residence files//EN',
  method: ICalCalendarMethod.PUBLISH,
  ...(name ? { name } : {}),
});

/**
 * One legal date as the VEVENT block of an iCalendar file, its lines folded. All-day (DATE values), because a
 * deadline is a Brussels calendar day: a timed event would shift into the previous or next day in a calendar set to
 * another time zone. A feed keeps the blocks of the events that did not change (folding costs about a millisecond an
 * event, seconds for a feed of thousands).
 */
export function allDayEventBlock(event: AllDayEvent): string {
  const block = ical(calendarOptions())
    .createEvent({
      id: event.uid,
      ...(event.sequence === undefined ? {} : { sequence: event.sequence }),
      allDay: true,
      start: utcMidnight(event.date),
      end: utcMidnight(addDays(event.date, 1)),
      summary: event.summary,
      description: event.description,
      url: event.url,
      // A reminder of a deadline, not a meeting: it must not block the recipient's agenda.
      transparency: ICalEventTransparency.TRANSPARENT,
      busystatus: ICalEventBusyStatus.FREE,
    })
    .toString();
  return foldLines(block);
}

const END = 'END:VCALENDAR';

/** An iCalendar file of these events' blocks (`allDayEventBlock`). */
export function calendarOfBlocks(blocks: readonly string[], name?: string): string {
  const shell = ical(calendarOptions(name)).toString();
  return `${shell.slice(0, shell.lastIndexOf(END))}${blocks.join('')}${END}`;
}

/** An iCalendar file of legal dates. */
export const allDayCalendarIcs = (events: readonly AllDayEvent[], name?: string): string =>
  calendarOfBlocks(events.map(allDayEventBlock), name);

/** The one-event file a notice mail carries for its due date. */
export const allDayEventIcs = (event: AllDayEvent): string => allDayCalendarIcs([event]);
