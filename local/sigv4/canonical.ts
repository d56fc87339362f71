/** The parts of a SigV4 canonical request that are rebuilt from the request line (verify.ts). */

/** RFC 3986 unreserved characters stay, every other byte becomes %XX (upper case), as SigV4 requires. */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Decodes %XX escapes; a malformed escape is kept as it is (the signature then fails, as it would on AWS). */
function uriDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The canonical URI. S3 signs the path as it is, each segment URI-encoded once (no normalization: `//` and `.`
 * are parts of object keys). Every other service signs the path normalized (no empty, '.' or '..' segments) and
 * "URI-encoded twice": what arrives has been encoded once, so each segment is encoded once more.
 */
export function canonicalPath(path: string, s3: boolean): string {
  if (s3) return path.split('/').map((segment) => uriEncode(uriDecode(segment))).join('/') || '/';
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(uriEncode(segment));
  }
  return `/${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
}

/** Every name=value of the query string (but `leaveOut`), decoded, then encoded the one SigV4 way, sorted by name then value. */
export function canonicalQuery(rawQuery: string, leaveOut?: string): string {
  return rawQuery
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const at = pair.indexOf('=');
      const [name, value] = at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
      return [uriEncode(uriDecode(name)), uriEncode(uriDecode(value))] as const;
    })
    .filter(([name]) => name !== leaveOut)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** Leading and trailing spaces removed, inner runs of spaces made one. */
export function trimAll(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}
