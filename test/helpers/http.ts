/** Response bodies in tests are read loosely; the assertions say what must be there. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export async function json(res: Response): Promise<Json> {
  return (await res.json()) as Json;
}

/**
 * Posts a form as a signed-in browser would (same origin, the reader's cookie and CSRF token),
 * without following the redirect. A field given a list is sent once per value.
 */
export function postForm(
  url: string,
  fields: Record<string, string | readonly string[]>,
  who: { cookie: string; csrf: string },
): Promise<Response> {
  const body = new URLSearchParams({ _csrf: who.csrf });
  for (const [name, value] of Object.entries(fields)) {
    for (const v of typeof value === 'string' ? [value] : value) body.append(name, v);
  }
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: 'http://broadsheet.test',
      cookie: who.cookie,
    },
    body: body.toString(),
  });
}
