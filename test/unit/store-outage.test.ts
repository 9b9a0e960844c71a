import { isStoreOutage, upgradedFirst, type SqlDatabase } from '../../src/store/sql-database';

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

describe('an upgrade of the store that meets the database away', () => {
  it('is tried again by the next statement, and done once it holds', async () => {
    let away = true;
    let upgrades = 0;
    const statements: string[] = [];
    const db: SqlDatabase = {
      all: async <T>(sql: string) => {
        statements.push(sql);
        return [] as T[];
      },
      run: async () => 0,
      purge: async () => undefined,
      close: async () => undefined,
    };
    const store = upgradedFirst(db, async () => {
      upgrades += 1;
      if (away) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    });
    await expect(store.all('SELECT 1')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    away = false;
    await store.all('SELECT 2');
    await store.all('SELECT 3');
    expect(upgrades).toBe(2);
    expect(statements).toEqual(['SELECT 2', 'SELECT 3']);
  });
});
