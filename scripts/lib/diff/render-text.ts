import { preview } from '../asl/json';
import type { AppDiff, BlockDiff, ChangeKind, StackDiff } from './compare';
import type { ValueChange } from './json-diff';
import type { StateChange, StateMachineDiff, TransitionChange } from './states';

export interface Labels {
  /** What was compared against, e.g. `main (merge base, 1a2b3c4)`. */
  readonly before: string;
  /** What was compared, e.g. `working tree`. */
  readonly after: string;
}

const SIGN: Record<ChangeKind, string> = { added: '+', removed: '-', changed: '~' };
const ANSI: Record<ChangeKind, string> = { added: '\x1b[32m', removed: '\x1b[31m', changed: '\x1b[33m' };

/** The diff for a terminal: one line per block, state and attribute; colored when `color` is set. */
export function renderText(diff: AppDiff, labels: Labels, color = false): string {
  const paint = (kind: ChangeKind, text: string) => (color ? `${ANSI[kind]}${text}\x1b[0m` : text);
  const bold = (text: string) => (color ? `\x1b[1m${text}\x1b[0m` : text);
  const lines = [`Comparing ${labels.before} → ${labels.after}`, ''];
  for (const stack of diff.stacks) {
    lines.push(bold(`${stack.id}: ${stackSummary(stack)}`));
    for (const block of stack.blocks) lines.push(...blockLines(block, paint));
  }
  const changed = diff.stacks.filter((s) => s.kind !== 'unchanged').length;
  lines.push('', diff.changed ? `${changed} of ${diff.stacks.length} stack(s) change.` : `No changes in ${diff.stacks.length} stack(s).`);
  return `${lines.join('\n')}\n`;
}

export function stackSummary(stack: StackDiff): string {
  const { added, removed, changed } = stack.counts;
  const counts = `${added} added, ${removed} removed, ${changed} changed`;
  if (stack.kind === 'added') return `new stack (${counts})`;
  if (stack.kind === 'removed') return `stack removed (${counts})`;
  return stack.kind === 'unchanged' ? 'no changes' : counts;
}

function blockLines(block: BlockDiff, paint: (kind: ChangeKind, text: string) => string): string[] {
  const machine = block.stateMachine ? `  (state machine ${block.stateMachine.name})` : '';
  const lines = [paint(block.kind, `  ${SIGN[block.kind]} ${block.address}`) + machine];
  for (const note of block.notes) lines.push(`      note: ${note}`);
  for (const change of block.changes) lines.push(paint(change.kind, `      ${valueChangeText(change)}`));
  if (block.stateMachine && block.kind !== 'removed') lines.push(...machineLines(block.stateMachine.diff, paint));
  return lines;
}

function machineLines(diff: StateMachineDiff, paint: (kind: ChangeKind, text: string) => string): string[] {
  // A whole new machine is told by its states; its StartAt and Comment would repeat them.
  const added = diff.states.length > 0 && diff.states.every((s) => s.kind === 'added');
  const lines = added ? [] : diff.machine.map((c) => paint(c.kind, `      ${valueChangeText(c)}`));
  for (const state of diff.states) {
    lines.push(paint(state.kind, `      ${SIGN[state.kind]} state ${state.path}`) + `  (${state.summary})`);
    for (const t of state.transitions) lines.push(paint(t.kind, `          ${transitionText(t, state)}`));
    for (const c of state.fields) lines.push(paint(c.kind, `          ${valueChangeText(c)}`));
  }
  return lines;
}

/** `path: "a" → "b"`, `path: + "b"`, `path: - "a"`. */
export function valueChangeText(change: ValueChange): string {
  const where = change.path === '' ? '(value)' : change.path;
  if (change.kind === 'added') return `${where}: + ${preview(change.after)}`;
  if (change.kind === 'removed') return `${where}: - ${preview(change.before)}`;
  return `${where}: ${preview(change.before)} → ${preview(change.after)}`;
}

/** `Next: A → B`; for a new or removed state just `Next → B`; otherwise `+ Catch States.ALL → X`. */
export function transitionText(t: TransitionChange, state: StateChange): string {
  if (t.kind === 'changed') return `${t.on}: ${t.before} → ${t.after}`;
  const target = t.after ?? t.before;
  return state.kind === 'changed' ? `${SIGN[t.kind]} ${t.on} → ${target}` : `${t.on} → ${target}`;
}
