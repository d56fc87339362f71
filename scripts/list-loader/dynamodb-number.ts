import { splitNumber } from 'lossless-json';
import { AWS_LIMITS } from './aws-limits';

/** A JSON number that DynamoDB can store exactly, as DynamoDB stores and returns it. */
export interface DynamoDbNumber {
  /** Plain decimal notation, leading and trailing zeros trimmed: what GetItem answers (`1.50e3` → `1500`). */
  readonly text: string;
  /** Significant digits (what the item size counts). */
  readonly digits: number;
}

/**
 * Checks a JSON number's text against DynamoDB's number rules (up to 38 significant digits; a magnitude from
 * 1E-130 to 9.9999999999999999999999999999999999999E+125, or zero; leading and trailing zeros trimmed) and
 * answers it in DynamoDB's plain notation, or a sentence naming the rule it breaks.
 */
export function toDynamoDbNumber(json: string): DynamoDbNumber | { readonly problem: string } {
  const { sign, digits, exponent } = splitNumber(json);
  if (/^0+$/.test(digits)) return { text: '0', digits: 1 };
  const { dynamoDbNumberDigits: maxDigits, dynamoDbNumberMaxExponent: max, dynamoDbNumberMinExponent: min } = AWS_LIMITS;
  if (digits.length > maxDigits.value) {
    return { problem: `has ${digits.length} significant digits; DynamoDB keeps at most ${maxDigits.value}` };
  }
  if (exponent > max.value) return { problem: `is larger in magnitude than DynamoDB's largest number, ${max.label}` };
  if (exponent < min.value) return { problem: `is smaller in magnitude than DynamoDB's smallest non-zero number, ${min.label}` };
  return { text: sign + plainNotation(digits, exponent), digits: digits.length };
}

/** `digits` × 10^(exponent − digits + 1) in plain notation: `15`, 3 → `1500`; `12`, −3 → `0.0012`. */
function plainNotation(digits: string, exponent: number): string {
  if (exponent < 0) return `0.${'0'.repeat(-exponent - 1)}${digits}`;
  if (exponent >= digits.length - 1) return digits + '0'.repeat(exponent - digits.length + 1);
  return `${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}
