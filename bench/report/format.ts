import type { Figures } from './figures';

export const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)}`;
export const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);
export const micros = (value: number) => value.toFixed(0);

/** A Markdown table; also readable as plain text on a terminal. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** One line per measured scenario, as printed while the run goes on. */
export function progressLine(figures: Figures): string {
  const unexpected = figures.unexpected > 0 ? `  UNEXPECTED ${figures.unexpected} ${JSON.stringify(figures.statuses)}` : '';
  return (
    `(${figures.id}) ${figures.title}: ${figures.requestsPerSecond.toFixed(0)} req/s, ` +
    `p50 ${ms(figures.p50Ms)} ms, p99 ${ms(figures.p99Ms)} ms, ` +
    `${micros(figures.cpuMicrosPerRequest)} µs CPU/req, peak RSS ${mb(figures.peakRssBytes)} MB${unexpected}`
  );
}
