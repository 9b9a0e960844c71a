import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../src/config';

describe('configuration', () => {
  it('runs on the embedded defaults of CONTRACT.md', () => {
    expect(loadConfig({})).toMatchObject({
      TEMPORAL_ADDRESS: 'localhost:7233',
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'victim-cases',
      HTTP_PORT: 3000,
      PUBLIC_BASE_URL: 'http://localhost:3000',
    });
  });

  it.each([
    ['HTTP_PORT', '70000'],
    ['TEMPORAL_ADDRESS', 'no-port'],
    ['SMTP_SECURE', 'yes'],
    ['PUBLIC_BASE_URL', 'not a url'],
    ['MAIL_FROM', 'nobody'],
    ['LOG_LEVEL', 'loud'],
  ])('stops on a bad %s and names it', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^invalid configuration: ${variable}:`));
  });

  it('is documented variable by variable in .env.example', () => {
    const example = readFileSync(join(__dirname, '../../.env.example'), 'utf8');
    const documented = [...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    expect(documented).toEqual(expect.arrayContaining(CONFIG_VARIABLES));
  });
});
