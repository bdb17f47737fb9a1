/**
 * Addresses an article had on the site it was imported from, as keys to look them up by: the
 * path without a trailing slash, and of the query only WordPress's post-id forms (`/?p=4`).
 * The same function makes the key when importing (from a full URL) and when a request arrives
 * (from its path), so `/2024/03/05/slug/`, `/2024/03/05/slug` and
 * `http://old.example/2024/03/05/slug/?utm_source=x` all find the same article.
 */
const idParameters = ['p', 'page_id'] as const;

export function oldPathKey(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address, 'http://old.invalid');
  } catch {
    return null;
  }
  let path = url.pathname.replace(/\/+$/, '');
  if (path === '') path = '/';
  if (path.length > 1000) return null;
  for (const name of idParameters) {
    const value = url.searchParams.get(name);
    if (value !== null && /^\d{1,18}$/.test(value))
      return `${path === '/' ? '' : path}/?${name}=${value}`;
  }
  return path === '/' ? null : path;
}
