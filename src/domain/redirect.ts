/**
 * Where to send someone after signing in: only a path on this site. Anything that a browser
 * could read as another origin (`//host`, `/\host`, `https:host`, encoded or with control
 * characters) or a script URL falls back to the front page.
 */
export function safeRedirectPath(target: unknown, fallback = '/'): string {
  if (typeof target !== 'string' || target.length === 0 || target.length > 2000) return fallback;
  let decoded = target;
  // Undo up to three layers of percent-encoding so `%2F%2Fhost` is judged as `//host`.
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return fallback;
    }
    if (next === decoded) break;
    decoded = next;
  }
  // eslint-disable-next-line no-control-regex -- any control character or backslash is suspicious
  if (/[\u0000-\u001f\u007f\\]/.test(decoded)) return fallback;
  if (!decoded.startsWith('/') || decoded.startsWith('//')) return fallback;
  // Resolve against a dummy origin: the result must stay on it.
  const base = 'http://same.invalid';
  let resolved: URL;
  try {
    resolved = new URL(target, base);
  } catch {
    return fallback;
  }
  if (resolved.origin !== base) return fallback;
  return resolved.pathname + resolved.search + resolved.hash;
}
