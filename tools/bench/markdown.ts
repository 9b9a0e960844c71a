import { round } from './stats';

/** Markdown pieces of the bench's reports. */

export const fmt = (x: number | null | undefined, unit = ''): string => {
  const r = round(x);
  return r === null ? '–' : `${r.toLocaleString('en-US')}${unit}`;
};
export const ms = (x: number | null | undefined) => fmt(x, ' ms');
export const times = (x: number | null | undefined) => fmt(x, '×');
export const mib = (x: number | null | undefined) => fmt(x, ' MiB');

export function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export const target = (value: number | null, ok: (v: number) => boolean, text: string) =>
  value === null ? `${text}: –` : `${text}: ${ok(value) ? 'met' : 'not met'}`;
