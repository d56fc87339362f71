import type { Decision } from './authorize';
import type { AuthorizationInput } from './request-context';

/**
 * Decisions kept per stack; past it the one reused least recently is forgotten. A long --serve names ever new object
 * keys and item keys, whose decisions are never reused: 1,000 keep the heap flat (10,000 held ~2.6 MiB, ~0.9 KB each) while the
 * decisions a workflow repeats stay.
 */
export const MAX_DECISIONS_KEPT = 1_000;

/**
 * Decisions already made, reused for a request the simulator would decide the same way: the same role (its identity
 * policies), action and resource (its resource policy), the same values of the context keys those policies name, and,
 * where a resource policy or a service principal is involved, the same principal. A key no policy names (the time,
 * `aws:EpochTime`, when no condition reads it) cannot change a decision, so it is left out of the comparison; one that
 * a condition or a policy variable names stays in. The simulator is pure over its input, so a reused decision is the
 * one it would make again.
 */
export class DecisionCache {
  /** Least recently used first (a reuse moves a decision to the end). */
  private readonly decisions = new Map<string, Decision>();
  /** The policies' text, lower-cased, per role and resource policy: where a context key's name is looked for. */
  private readonly policyTexts = new Map<string, string>();
  private reusedCount = 0;

  /** How many decisions were reused instead of simulated. */
  get reused(): number {
    return this.reusedCount;
  }

  constructor(private readonly maxKept = MAX_DECISIONS_KEPT) {}

  /** Decisions kept now. */
  get size(): number {
    return this.decisions.size;
  }

  async decide(input: AuthorizationInput, simulate: () => Promise<Decision>): Promise<Decision> {
    const key = this.keyOf(input);
    const known = this.decisions.get(key);
    if (known) {
      this.reusedCount += 1;
      this.decisions.delete(key);
      this.decisions.set(key, known);
      return known;
    }
    const decision = await simulate();
    if (this.decisions.size >= this.maxKept) this.decisions.delete(this.decisions.keys().next().value!);
    this.decisions.set(key, decision);
    return decision;
  }

  private keyOf(input: AuthorizationInput): string {
    const policiesKey = `${input.role?.arn ?? ''}|${input.resourcePolicy?.resourceArn ?? ''}|${input.resourcePolicy?.sources.join(',') ?? ''}`;
    let text = this.policyTexts.get(policiesKey);
    if (text === undefined) {
      text = JSON.stringify([input.identityPolicies.map((p) => p.document), input.resourcePolicy?.document ?? null]).toLowerCase();
      this.policyTexts.set(policiesKey, text);
    }
    const named = Object.keys(input.contextVariables)
      .filter((k) => text.includes(k.toLowerCase()))
      .sort()
      .map((k) => [k, input.contextVariables[k]]);
    const principal = input.resourcePolicy || !input.role ? input.principal : '';
    return JSON.stringify([policiesKey, principal, input.action, input.resourceArn, input.accountId, named]);
  }
}
