import { addPeriod, dateAt, startOfDay, subtractPeriod } from '../../src/domain/calendar';

describe('legal calendar arithmetic (Europe/Brussels)', () => {
  it.each([
    ['2026-01-31', { months: 3 }, '2026-04-30'], // PROCEDURE.md: 31 Jan + 3 months = 30 Apr
    ['2026-01-31', { months: 1 }, '2026-02-28'],
    ['2028-01-31', { months: 1 }, '2028-02-29'], // leap year
    ['2028-02-29', { years: 1 }, '2029-02-28'],
    ['2028-02-29', { months: 6 }, '2028-08-29'],
    ['2026-08-31', { months: 6 }, '2027-02-28'],
    ['2026-11-23', { days: 45 }, '2027-01-07'], // reflection across the new year
    ['2026-03-01', { days: 45 }, '2026-04-15'], // across the spring DST change
    ['2026-10-01', { days: 45 }, '2026-11-15'], // across the autumn DST change
    ['2017-05-19', { days: 45 }, '2017-07-03'],
  ])('%s + %j = %s', (from, period, expected) => {
    expect(addPeriod(from, period)).toBe(expected);
  });

  it.each([
    ['2026-04-30', { months: 1 }, '2026-03-30'],
    ['2026-03-31', { months: 1 }, '2026-02-28'],
    ['2027-01-07', { days: 14 }, '2026-12-24'],
  ])('%s − %j = %s', (from, period, expected) => {
    expect(subtractPeriod(from, period)).toBe(expected);
  });

  it('starts a day at Brussels midnight, whatever the offset', () => {
    expect(new Date(startOfDay('2026-01-15')).toISOString()).toBe('2026-01-14T23:00:00.000Z'); // CET
    expect(new Date(startOfDay('2026-07-15')).toISOString()).toBe('2026-07-14T22:00:00.000Z'); // CEST
  });

  it('makes the last Sunday of March 23 hours long and the last Sunday of October 25', () => {
    const hours = (day: string, next: string) => (startOfDay(next) - startOfDay(day)) / 3_600_000;
    expect(hours('2026-03-29', '2026-03-30')).toBe(23);
    expect(hours('2026-10-25', '2026-10-26')).toBe(25);
    expect(hours('2026-03-28', '2026-03-29')).toBe(24);
  });

  it('names the Brussels date of an instant, not the UTC one', () => {
    expect(dateAt(Date.parse('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(dateAt(Date.parse('2026-12-31T22:59:59Z'))).toBe('2026-12-31');
    expect(dateAt(Date.parse('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });

  it('names the right date at either edge of a 25-hour day, in any order of asking', () => {
    const instants: [string, string][] = [
      ['2026-10-24T21:59:59.999Z', '2026-10-24'],
      ['2026-10-24T22:00:00Z', '2026-10-25'],
      ['2026-10-25T22:59:59.999Z', '2026-10-25'],
      ['2026-10-25T23:00:00Z', '2026-10-26'],
    ];
    for (const [instant, date] of [...instants, ...[...instants].reverse()])
      expect(dateAt(Date.parse(instant))).toBe(date);
  });

  it('refuses a date that does not exist', () => {
    expect(() => addPeriod('2026-02-30', { days: 1 })).toThrow(/not a calendar date/);
  });
});
