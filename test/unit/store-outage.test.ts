import { isStoreOutage } from '../../src/store/sql-database';

describe('the service database away for a moment', () => {
  it.each([
    [{ code: 'ECONNREFUSED' }],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }],
    [{ code: '08006' }],
    [{ code: 'SQLITE_BUSY' }],
    [new Error('Connection terminated unexpectedly')],
  ])('is an outage (503): %p', (err) => {
    expect(isStoreOutage(err)).toBe(true);
  });

  it.each([[{ code: '42P01' }], [{ code: 'SQLITE_CONSTRAINT' }], [new Error('syntax error')], [undefined]])(
    'is not, when a statement itself fails: %p',
    (err) => {
      expect(isStoreOutage(err)).toBe(false);
    },
  );
});
