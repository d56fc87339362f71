import type { Json } from '../asl/json';
import { toDot } from './dot';
import { stateMachinesOf } from './machines';
import { mermaidPage } from './mermaid';
import { renderSvg } from './svg';

/** The files drawn for one stack, by file name (`<id>.svg`, `<id>.md`), and the DOT they came from. */
export interface StackDiagrams {
  readonly id: string;
  readonly machines: readonly string[];
  readonly dot: string;
  readonly files: Readonly<Record<string, string>>;
}

/**
 * Draws every stack that has a state machine: an SVG (Graphviz) and a Markdown page with a Mermaid block per
 * machine. Pure apart from the WebAssembly renderer: same documents in, same bytes out.
 */
export async function drawStacks(stacks: Readonly<Record<string, Json>>): Promise<StackDiagrams[]> {
  const drawn: StackDiagrams[] = [];
  for (const id of Object.keys(stacks).sort()) {
    const machines = stateMachinesOf(id, stacks[id]);
    if (machines.length === 0) continue;
    const names = machines.map((m) => m.name);
    const dot = toDot(`${id}: ${names.join(', ')}`, machines);
    drawn.push({ id, machines: names, dot, files: { [`${id}.svg`]: await renderSvg(dot), [`${id}.md`]: mermaidPage(id, machines) } });
  }
  return drawn;
}
