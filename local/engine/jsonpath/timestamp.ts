/**
 * Timestamps as Step Functions reads them (ASL spec, "Timestamps"; Developer Guide, "Choice workflow state" and
 * "Wait workflow state"): an RFC 3339 / ISO-8601 extended offset date-time such as 2016-08-18T17:33:00Z or
 * 2016-08-18T17:33:00.123+02:00. AWS parses them with Java's ISO_OFFSET_DATE_TIME (its Wait-state errors say
 * "cannot be parsed as an ISO-8601 extended offset date-time format string"), so, like Java: the offset is required
 * (`Z` or ±HH:MM[:SS], at most ±18:00), seconds and a 1–9 digit fraction are optional, calendar values are checked
 * strictly (no 2016-02-30, no hour 24, no second 60), and `T`/`Z` are accepted in either case (Java's ISO parsers
 * are case-insensitive; the ASL spec asks for upper case, which is what a definition should use).
 */
export interface Instant {
  /** Whole seconds since the epoch. */
  readonly seconds: number;
  /** Nanoseconds within the second. */
  readonly nanos: number;
}

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):(\d{2})(?::(\d{2}))?)$/;

export function parseTimestamp(text: unknown): Instant | undefined {
  if (typeof text !== 'string') return undefined;
  const m = PATTERN.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return undefined;
  let offset = 0;
  if (!m[8]) {
    const [oh, om, os] = [Number(m[10]), Number(m[11]), Number(m[12] ?? 0)];
    if (oh > 18 || om > 59 || os > 59 || (oh === 18 && (om > 0 || os > 0))) return undefined;
    offset = (m[9] === '-' ? -1 : 1) * (oh * 3600 + om * 60 + os);
  }
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, 0);
  return { seconds: utc.getTime() / 1000 - offset, nanos: Number((m[7] ?? '').padEnd(9, '0')) };
}

export function compareInstants(a: Instant, b: Instant): number {
  return a.seconds !== b.seconds ? Math.sign(a.seconds - b.seconds) : Math.sign(a.nanos - b.nanos);
}
