/** RFC 3339 in UTC to the whole second (the precision the providers' timestamps have): 2030-01-01T00:00:00Z. */
export function isoSeconds(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
