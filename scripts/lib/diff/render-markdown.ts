import { preview } from '../asl/json';
import type { AppDiff, BlockDiff, ChangeKind, StackDiff } from './compare';
import type { ValueChange } from './json-diff';
import { stackSummary, type Labels } from './render-text';
import type { StateChange, StateMachineDiff, TransitionChange } from './states';

const ICON: Record<ChangeKind, string> = { added: '➕', removed: '➖', changed: '✏️' };

/**
 * The diff as GitHub-flavoured Markdown for a pull request comment: a summary table, then one collapsible
 * section per changed stack with its blocks, attribute changes, and a state-by-state table per state machine.
 */
export function renderMarkdown(diff: AppDiff, labels: Labels): string {
  const out = [`### Synthesized infrastructure: ${labels.before} → ${labels.after}`, ''];
  if (!diff.changed) {
    out.push(`No changes in ${diff.stacks.length} stack(s): every synthesized stack is the same.`, '');
    return out.join('\n');
  }
  out.push('| stack | added | removed | changed |', '| --- | ---: | ---: | ---: |');
  for (const stack of diff.stacks) {
    const { added, removed, changed } = stack.counts;
    const cells = stack.kind === 'unchanged' ? ['–', '–', '–'] : [added, removed, changed].map(String);
    const id = stack.kind === 'added' || stack.kind === 'removed' ? `${code(stack.id)} (${stack.kind === 'added' ? 'new' : 'removed'})` : code(stack.id);
    out.push(`| ${id} | ${cells.join(' | ')} |`);
  }
  out.push('');
  for (const stack of diff.stacks.filter((s) => s.kind !== 'unchanged')) out.push(...stackSection(stack));
  return out.join('\n');
}

function stackSection(stack: StackDiff): string[] {
  // A changed stack is open; a whole new or removed one (a long list of additions) starts folded.
  const open = stack.kind === 'changed' ? ' open' : '';
  const out = [`<details${open}><summary><strong>${escapeHtml(stack.id)}</strong>: ${escapeHtml(stackSummary(stack))}</summary>`, ''];
  for (const block of stack.blocks) out.push(...blockItem(block));
  out.push('');
  for (const block of stack.blocks) {
    if (block.stateMachine && block.kind !== 'removed' && hasStateChanges(block.stateMachine.diff)) {
      out.push(...machineTable(block.stateMachine.name, block.address, block.stateMachine.diff));
    }
  }
  out.push('</details>', '');
  return out;
}

function blockItem(block: BlockDiff): string[] {
  const machine = block.stateMachine ? ` (state machine ${code(block.stateMachine.name)}, see below)` : '';
  const out = [`- ${ICON[block.kind]} **${block.kind}** ${code(block.address)}${machine}`];
  for (const note of block.notes) out.push(`  - _${escapeInline(note)}_`);
  for (const change of block.changes) out.push(`  - ${valueChangeMarkdown(change)}`);
  return out;
}

function hasStateChanges(diff: StateMachineDiff): boolean {
  return diff.machine.length > 0 || diff.states.length > 0;
}

function isNewMachine(diff: StateMachineDiff): boolean {
  return diff.states.length > 0 && diff.states.every((s) => s.kind === 'added');
}

function machineTable(name: string, address: string, diff: StateMachineDiff): string[] {
  const out = [`**State machine ${code(name)}** (${code(address)})`, ''];
  const machine = isNewMachine(diff) ? [] : diff.machine;
  for (const change of machine) out.push(`- ${valueChangeMarkdown(change)}`);
  if (machine.length > 0) out.push('');
  if (diff.states.length > 0) {
    out.push('| | state | change |', '| --- | --- | --- |');
    // In a table a pipe ends the cell, even inside a code span, unless escaped.
    const cell = (text: string) => text.replace(/\|/g, '\\|');
    for (const state of diff.states) out.push(`| ${ICON[state.kind]} | ${cell(code(state.path))} | ${cell(stateCell(state))} |`);
    out.push('');
  }
  return out;
}

function stateCell(state: StateChange): string {
  const parts = [state.kind === 'changed' ? escapeInline(state.summary) : `${state.kind}: ${escapeInline(state.summary)}`];
  for (const t of state.transitions) parts.push(transitionMarkdown(t, state));
  for (const c of state.fields) parts.push(valueChangeMarkdown(c));
  return parts.join('<br>');
}

function transitionMarkdown(t: TransitionChange, state: StateChange): string {
  const on = escapeInline(t.on);
  if (t.kind === 'changed') return `${on}: ${code(t.before ?? '')} → ${code(t.after ?? '')}`;
  const target = code(t.after ?? t.before ?? '');
  if (state.kind !== 'changed') return `${on} → ${target}`;
  return `${t.kind === 'added' ? 'new' : 'no longer'}: ${on} → ${target}`;
}

function valueChangeMarkdown(change: ValueChange): string {
  const where = code(change.path === '' ? '(value)' : change.path);
  if (change.kind === 'added') return `${where}: added ${code(preview(change.after))}`;
  if (change.kind === 'removed') return `${where}: removed ${code(preview(change.before))}`;
  return `${where}: ${code(preview(change.before))} → ${code(preview(change.after))}`;
}

/** A code span that survives any content: backticks in the text get a longer fence. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const padded = text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text;
  return `${fence}${padded.replace(/\n/g, ' ')}${fence}`;
}

/** Plain text in Markdown: no emphasis, links or code by accident, and no `$…$` read as math by GitHub. */
function escapeInline(text: string): string {
  return escapeHtml(text).replace(/([\\`*_[\]$])/g, '\\$1').replace(/\n/g, ' ');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
