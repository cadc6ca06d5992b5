/** The query exactly as sent, decoded pair by pair (a `+` stays a plus: clients encode spaces as %20). */
export function rawQueryPairs(url: string): [string, string][] {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  if (query === '') return [];
  return query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    return [decodeURIComponent(key), decodeURIComponent(value)];
  });
}
