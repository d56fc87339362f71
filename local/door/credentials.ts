import { createHmac, randomBytes } from 'node:crypto';
import { LocalSetupError } from '../errors';
import type { FunctionModel } from '../stack-model';

/**
 * Each function environment's own credentials, as Lambda gives every function temporary credentials of its
 * execution role (Lambda Developer Guide, "Defining Lambda function permissions with an execution role": the
 * runtime sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN). Shaped like AWS's temporary keys
 * (`ASIA` and 16 characters of A-Z and 2-7), derived from the stack, the function and a secret drawn once per local
 * run: stable while the stack runs (a presigned URL a function made stays valid), different on the next run.
 */

export interface FunctionIdentity {
  readonly functionName: string;
  /** The function's execution role: its SDK calls are authorized as a session of it named after the function. */
  readonly roleArn: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export class FunctionCredentials {
  private readonly byFunction = new Map<string, FunctionIdentity>();
  private readonly byKey = new Map<string, FunctionIdentity>();

  /** `runSecret` is drawn at random unless given (tests give one to get known keys). */
  constructor(stackId: string, functions: readonly Pick<FunctionModel, 'name' | 'roleArn'>[], runSecret: Buffer = randomBytes(32)) {
    for (const fn of functions) {
      const digest = (purpose: string) => createHmac('sha256', runSecret).update(`${purpose}\n${stackId}\n${fn.name}`).digest();
      const identity: FunctionIdentity = {
        functionName: fn.name,
        roleArn: fn.roleArn,
        accessKeyId: `ASIA${base32(digest('key')).slice(0, 16)}`,
        secretAccessKey: digest('secret').subarray(0, 30).toString('base64'),
        sessionToken: Buffer.concat([digest('token'), digest('token2')]).toString('base64'),
      };
      if (this.byKey.has(identity.accessKeyId)) throw new LocalSetupError(`Two functions of stack ${stackId} drew the same access key id; start the stack again.`);
      this.byFunction.set(fn.name, identity);
      this.byKey.set(identity.accessKeyId, identity);
    }
  }

  /** The credentials of a function of the stack, by name. */
  of(functionName: string): FunctionIdentity {
    const identity = this.byFunction.get(functionName);
    if (!identity) throw new LocalSetupError(`Stack has no function ${functionName} (its functions: ${[...this.byFunction.keys()].join(', ') || 'none'}).`);
    return identity;
  }

  /** Whose access key id this is; undefined for a key no function of the stack was given. */
  byAccessKeyId(accessKeyId: string): FunctionIdentity | undefined {
    return this.byKey.get(accessKeyId);
  }

  all(): FunctionIdentity[] {
    return [...this.byFunction.values()];
  }
}

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}
