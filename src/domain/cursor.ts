/**
 * Opaque cursors for keyset paging: the sort key of the last item seen, base64url-encoded.
 * A cursor that does not decode is bad input, never a server error.
 */
export interface TimeCursor {
  /** ISO time of the last item */
  t: string;
  /** id of the last item (tie-breaker) */
  id: string;
}

export function encodeCursor(cursor: TimeCursor): string {
  return Buffer.from(JSON.stringify([cursor.t, cursor.id])).toString('base64url');
}

export function decodeCursor(raw: string): TimeCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      !Number.isNaN(Date.parse(value[0]))
    ) {
      return { t: value[0], id: value[1] };
    }
  } catch {
    // fall through
  }
  return null;
}
