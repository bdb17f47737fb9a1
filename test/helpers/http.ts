/** Response bodies in tests are read loosely; the assertions say what must be there. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export async function json(res: Response): Promise<Json> {
  return (await res.json()) as Json;
}
