import { DefinitionError } from '../asl/graph';
import { isObject, parseEmbeddedJson, type Json, type JsonObject } from '../asl/json';
import { diffJson, type ValueChange } from './json-diff';
import { diffStateMachines, type StateMachineDiff } from './states';

/** A synthesized app: stack id → the parsed `cdk.tf.json` of that stack. */
export type SynthesizedApp = Readonly<Record<string, Json>>;

export type ChangeKind = 'added' | 'removed' | 'changed';

/** One Terraform block (resource, data source, output, provider, settings) that differs. */
export interface BlockDiff {
  /** Its Terraform address: `aws_iam_role.x`, `data.archive_file.y`, `output.TableName`, `provider.aws`. */
  readonly address: string;
  readonly kind: ChangeKind;
  /** Attribute-level changes (empty for an added or removed block). */
  readonly changes: readonly ValueChange[];
  /** For a state machine: its definition compared state by state (the `definition` attribute is left out of `changes`). */
  readonly stateMachine?: { readonly name: string; readonly diff: StateMachineDiff };
  /** What the attribute changes mean, where they hide it (a new asset hash means new Lambda code). */
  readonly notes: readonly string[];
}

export interface StackDiff {
  readonly id: string;
  readonly kind: ChangeKind | 'unchanged';
  readonly blocks: readonly BlockDiff[];
  readonly counts: Readonly<Record<ChangeKind, number>>;
}

export interface AppDiff {
  readonly stacks: readonly StackDiff[];
  readonly changed: boolean;
}

/**
 * Compares two synthesized apps, stack by stack and block by block. Pure: no git, no files, no synth, so it can
 * be tested on any pair of Terraform JSON documents. Construct metadata (`//`) is ignored.
 */
export function compareApps(before: SynthesizedApp, after: SynthesizedApp): AppDiff {
  const ids = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const stacks = ids.map((id) => compareStacks(id, before[id], after[id]));
  return { stacks, changed: stacks.some((s) => s.kind !== 'unchanged') };
}

function compareStacks(id: string, before: Json | undefined, after: Json | undefined): StackDiff {
  const a = blocksOf(before);
  const b = blocksOf(after);
  const addresses = [...new Set([...a.keys(), ...b.keys()])].sort(byBlockOrder);
  const blocks = addresses.map((address) => compareBlocks(address, a.get(address), b.get(address))).filter((d): d is BlockDiff => d !== undefined);
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const block of blocks) counts[block.kind]++;
  const kind = before === undefined ? 'added' : after === undefined ? 'removed' : blocks.length > 0 ? 'changed' : 'unchanged';
  return { id, kind, blocks, counts };
}

function compareBlocks(address: string, before: Json | undefined, after: Json | undefined): BlockDiff | undefined {
  const kind: ChangeKind = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
  const notes: string[] = [];
  let stateMachine: BlockDiff['stateMachine'];
  let [attrsBefore, attrsAfter] = [before, after];

  if (address.startsWith('aws_sfn_state_machine.')) {
    const read = readDefinitions(address, before, after);
    if (read.diff) {
      stateMachine = { name: read.name, diff: read.diff };
      [attrsBefore, attrsAfter] = [withoutDefinition(before), withoutDefinition(after)];
    } else if (read.problem) {
      notes.push(read.problem);
    }
  }
  const changes = kind === 'changed' ? diffJson(attrsBefore, attrsAfter) : [];
  const machineChanged = stateMachine !== undefined && (stateMachine.diff.machine.length > 0 || stateMachine.diff.states.length > 0);
  if (kind === 'changed' && changes.length === 0 && !machineChanged) return undefined;
  if (address.startsWith('data.archive_file.') && changes.some((c) => c.path === 'source_dir')) {
    notes.push('The bundled code changed (new asset hash): the Lambda functions that use this archive get new code.');
  }
  return { address, kind, changes, ...(stateMachine && { stateMachine }), notes };
}

function readDefinitions(address: string, before: Json | undefined, after: Json | undefined): { name: string; diff?: StateMachineDiff; problem?: string } {
  const name = stringAttr(after, 'name') ?? stringAttr(before, 'name') ?? address.split('.')[1];
  const parse = (block: Json | undefined) => (block === undefined ? undefined : parseEmbeddedJson(isObject(block) ? block.definition : undefined));
  const [a, b] = [parse(before), parse(after)];
  if ((before !== undefined && a === undefined) || (after !== undefined && b === undefined)) {
    return { name, problem: 'The definition is not JSON here, so it is compared as text.' };
  }
  try {
    return { name, diff: diffStateMachines(a, b, `State machine ${name}`) };
  } catch (err) {
    if (!(err instanceof DefinitionError)) throw err;
    return { name, problem: `${err.message} It is compared as text.` };
  }
}

function stringAttr(block: Json | undefined, key: string): string | undefined {
  return isObject(block) && typeof block[key] === 'string' ? block[key] : undefined;
}

function withoutDefinition(block: Json | undefined): Json | undefined {
  if (!isObject(block)) return block;
  const { definition: _definition, ...rest } = block;
  return rest;
}

/** The blocks of one Terraform JSON document by address, without construct metadata. */
export function blocksOf(document: Json | undefined): Map<string, Json> {
  const blocks = new Map<string, Json>();
  if (!isObject(document)) return blocks;
  const each = (section: Json | undefined, prefix: string, depth: 1 | 2) => {
    if (!isObject(section)) return;
    for (const [key, value] of Object.entries(section)) {
      if (key === '//') continue;
      if (depth === 2 && isObject(value)) each(value, `${prefix}${key}.`, 1);
      else blocks.set(`${prefix}${key}`, withoutMetadata(value));
    }
  };
  for (const [section, value] of Object.entries(document)) {
    if (section === '//') continue;
    if (section === 'resource') each(value, '', 2);
    else if (section === 'data') each(value, 'data.', 2);
    else if (section in SECTION_PREFIX) each(value, SECTION_PREFIX[section], 1);
    else blocks.set(section, withoutMetadata(value));
  }
  return blocks;
}

const SECTION_PREFIX: Record<string, string> = { output: 'output.', locals: 'local.', variable: 'var.', module: 'module.', provider: 'provider.' };

/** Resources first, then data sources, locals, outputs, providers, and settings (`terraform`) last. */
function byBlockOrder(a: string, b: string): number {
  const rank = (address: string) => {
    const prefix = address.split('.')[0];
    const order = ['data', 'local', 'var', 'module', 'output', 'provider', 'terraform'];
    const i = order.indexOf(prefix);
    return i === -1 ? 0 : i + 1;
  };
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function withoutMetadata(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (!isObject(value)) return value;
  const result: JsonObject = {};
  for (const [key, inner] of Object.entries(value)) if (key !== '//') result[key] = withoutMetadata(inner);
  return result;
}
