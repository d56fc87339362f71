/**
 * Values printed the way the Java service behind Step Functions prints them where AWS shows it.
 * - States.Format renders each argument with Java's toString: a string as it is, `null`, numbers as Java does,
 *   an object as a Java Map (`{Arg1=1, Arg2=[]}`) and an array as a Java List (`[1, a, null]`), strings inside them
 *   unquoted. Recorded AWS executions show this (LocalStack's AWS-validated snapshot test_generic "format_2":
 *   `fst={Arg1=1, Arg2=[]}`; "context_json_path": `snd={Id=arn:…, Name=…}`), so objects are NOT rendered as JSON.
 * - Numbers: JavaScript cannot tell 1.0 from 1, so an integral value prints as an integer; others as Java's
 *   Double.toString (`1.1`, `1.0E-5`, `1.0E21`).
 */
export function javaNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e19) return BigInt(n).toString();
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
  const abs = Math.abs(n);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(n);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mantissa, exponent] = n.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${exponent.replace('+', '')}`;
}

export function javaToString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return javaNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(javaToString).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}=${javaToString(v)}`)
    .join(', ')}}`;
}
