/** RFC 3339 in UTC, whole seconds (the precision Tencent's timestamps have): 2030-01-01T00:00:00Z. */
export function rfc3339(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
