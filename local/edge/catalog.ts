import { arns, functionNameOf } from '../aws-names';
import { LocalSetupError } from '../errors';
import type { LocalStack } from '../runner';

/**
 * What the edge serves and which stack serves it: state machines, tables, buckets, topics and functions by
 * name. Names are unique within one stack (as within one AWS account and region); two stacks served by one edge
 * must not share one, or a request could not be routed, so that is refused when the edge starts.
 */
export interface ServedResources {
  readonly stateMachines: readonly string[];
  readonly tables: readonly string[];
  readonly buckets: readonly string[];
  readonly topics: readonly string[];
  readonly functions: readonly string[];
}

type Kind = keyof ServedResources;

const KIND_WORDS: Record<Kind, string> = {
  stateMachines: 'a state machine',
  tables: 'a table',
  buckets: 'a bucket',
  topics: 'a topic',
  functions: 'a function',
};

export class EdgeCatalog {
  private readonly owners: Record<Kind, Map<string, LocalStack>> = {
    stateMachines: new Map(),
    tables: new Map(),
    buckets: new Map(),
    topics: new Map(),
    functions: new Map(),
  };

  constructor(readonly stacks: readonly LocalStack[]) {
    if (stacks.length === 0) throw new LocalSetupError('The edge needs at least one started local stack to serve.');
    for (const stack of stacks) {
      const m = stack.model;
      this.add('stateMachines', m.stateMachines.map((s) => s.arn), stack);
      this.add('tables', m.tables.map((t) => t.name), stack);
      this.add('buckets', m.buckets.map((b) => b.name), stack);
      this.add('topics', m.topics.map((t) => t.arn), stack);
      this.add('functions', m.functions.map((f) => f.name), stack);
    }
  }

  /** Every ARN or name served, per kind, sorted. */
  served(): ServedResources {
    const names = (kind: Kind) => [...this.owners[kind].keys()].sort();
    return { stateMachines: names('stateMachines'), tables: names('tables'), buckets: names('buckets'), topics: names('topics'), functions: names('functions') };
  }

  /** The stack of a state machine, execution or Map Run ARN (`…:stateMachine:<name>`, `…:execution:<name>:<id>`, `…:mapRun:<name>/<label>:<id>`). */
  stateMachineOwner(arn: string): LocalStack | undefined {
    const parts = arn.split('#')[0].split(':');
    if (parts.length < 7 || parts[0] !== 'arn') return undefined;
    return this.owners.stateMachines.get(arns.stateMachine(parts[3], parts[6].split('/')[0]));
  }

  tableOwner(name: string): LocalStack | undefined {
    // TableName may be a table ARN.
    return this.owners.tables.get(name.startsWith('arn:') ? name.slice(name.indexOf(':table/') + ':table/'.length) : name);
  }

  bucketOwner(name: string): LocalStack | undefined {
    return this.owners.buckets.get(name);
  }

  topicOwner(arn: string): LocalStack | undefined {
    return this.owners.topics.get(arn);
  }

  functionOwner(nameOrArn: string): LocalStack | undefined {
    return this.owners.functions.get(functionNameOf(nameOrArn));
  }

  private add(kind: Kind, names: readonly string[], stack: LocalStack): void {
    for (const name of names) {
      const other = this.owners[kind].get(name);
      if (other && other !== stack) {
        throw new LocalSetupError(
          `Stacks ${other.model.stackId} and ${stack.model.stackId} both have ${KIND_WORDS[kind]} ${name}, so one endpoint cannot tell which is meant; ` +
            `serve them one at a time (npm run local -- <stack-id> --serve) or synthesize them with different names.`,
        );
      }
      this.owners[kind].set(name, stack);
    }
  }
}
