/** Reading a received multipart email: headers unfolded, quoted-printable undone. */
export function unfoldedHeaders(raw: string): string {
  const [head = ''] = raw.split(/\r?\n\r?\n/);
  return head.replace(/\r?\n[ \t]+/g, ' ');
}

export function header(raw: string, name: string): string | null {
  const match = new RegExp(`^${name}: (.*)$`, 'im').exec(unfoldedHeaders(raw));
  return match ? match[1]!.trim() : null;
}

/** The whole message with quoted-printable soft breaks and escapes undone (both parts). */
export function decodedBody(raw: string): string {
  const body = raw
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('\n\n');
  const bytes = body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The first link in the message to this path (with its query). */
export function linkTo(raw: string, path: string): string {
  const escaped = path.replace(/[/.?]/g, (c) => `\\${c}`);
  const match = new RegExp(`https?://[^\\s"<>]*${escaped}\\?token=[A-Za-z0-9%._-]+`).exec(
    decodedBody(raw),
  );
  if (!match) throw new Error(`no link to ${path} in the mail`);
  return match[0].replace(/&amp;/g, '&');
}
