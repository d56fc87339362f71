import { dataFlowLines } from '../asl/expressions';
import { describeState, PATH_SEPARATOR, type GraphState, type StateScope, type Transition } from '../asl/graph';
import type { StackStateMachine } from './machines';

/**
 * Graphviz DOT for the state machines of one stack. Each state is a node shaped by its type; a Map or Parallel
 * is a cluster holding an entry node (the state itself), its nested states, and a small "done" node that its
 * own transitions leave from. Node ids say what they are, so a test can map the graph back to the definition:
 * `start:<m>`, `end:<m>`, `state:<m>:<path>`, `done:<m>:<path>`, where <m> numbers the stack's machines from 0.
 */
export const nodeId = {
  start: (machine: number) => `start:${machine}`,
  end: (machine: number) => `end:${machine}`,
  state: (machine: number, path: string) => `state:${machine}:${path}`,
  done: (machine: number, path: string) => `done:${machine}:${path}`,
};

/**
 * Graphviz sizes every box from its estimate of this font's text widths. Verdana (and DejaVu Sans, its Linux
 * twin) is wider than the other common sans-serif fonts, so a viewer that falls back to one of those still
 * finds every label inside its box. The SVG names the fallbacks (see svg.ts).
 */
export const FONT = 'Verdana';

interface Style {
  readonly shape: string;
  readonly fill: string;
  readonly line: string;
  readonly extra?: string;
}

/** Shape and colours by state type; anything else is drawn as a Task. */
const STYLES: Record<string, Style> = {
  Task: { shape: 'box', fill: '#e3eefb', line: '#5b8dd6', extra: 'style="rounded,filled"' },
  Choice: { shape: 'diamond', fill: '#fff4d6', line: '#d9a400' },
  Wait: { shape: 'box', fill: '#f1f1f1', line: '#888888', extra: 'style="rounded,dashed,filled"' },
  Pass: { shape: 'box', fill: '#ffffff', line: '#888888', extra: 'style=filled' },
  Succeed: { shape: 'box', fill: '#dff5e1', line: '#3c9d4e', extra: 'style="rounded,filled,bold"' },
  Fail: { shape: 'octagon', fill: '#fbe3e2', line: '#c9453b' },
  Map: { shape: 'box3d', fill: '#ede7f6', line: '#7e57c2' },
  Parallel: { shape: 'tab', fill: '#ede7f6', line: '#7e57c2' },
};

const EDGE_STYLES: Record<Transition['kind'], string> = {
  next: 'color="#555555"',
  end: 'color="#555555"',
  choice: 'color="#b38600", fontcolor="#8a6d00"',
  default: 'color="#b38600", fontcolor="#8a6d00", style=bold',
  catch: 'color="#c9453b", fontcolor="#c9453b", style=dashed',
};

/** DOT text for one stack: `title` heads the picture; several machines each get a cluster of their own. */
export function toDot(title: string, machines: readonly StackStateMachine[]): string {
  const writer = new DotWriter();
  writer.line(`digraph ${quote(title)} {`);
  writer.indented(() => {
    writer.line(`graph [label=${quote(title)}, labelloc=t, fontname="${FONT}", fontsize=16, rankdir=TB, newrank=true, nodesep=0.35, ranksep=0.4, pad=0.25];`);
    writer.line(`node [fontname="${FONT}", fontsize=11, margin="0.2,0.07", penwidth=1.2];`);
    writer.line(`edge [fontname="${FONT}", fontsize=9, arrowsize=0.7, penwidth=1.1];`);
    machines.forEach((machine, m) => {
      if (machines.length === 1) return drawMachine(writer, machine, m);
      writer.line(`subgraph ${quote(`cluster_machine_${m}`)} {`);
      writer.indented(() => {
        writer.line(`label=${quote(machine.name)}; fontsize=13; style=rounded; color="#999999";`);
        drawMachine(writer, machine, m);
      });
      writer.line('}');
    });
    // Edges last, at the top level, so that no edge pulls a node into the wrong cluster.
    for (const edge of writer.edges) writer.line(edge);
  });
  writer.line('}');
  return `${writer.lines.join('\n')}\n`;
}

function drawMachine(writer: DotWriter, machine: StackStateMachine, m: number): void {
  const start = nodeId.start(m);
  const end = nodeId.end(m);
  writer.line(`${quote(start)} [label="Start", shape=circle, style=filled, fillcolor="#333333", fontcolor="#ffffff", color="#333333", fontsize=9, fixedsize=true, width=0.55];`);
  writer.line(`${quote(end)} [label="End", shape=doublecircle, style=filled, fillcolor="#333333", fontcolor="#ffffff", color="#333333", fontsize=9, fixedsize=true, width=0.5];`);
  writer.edge(start, nodeId.state(m, machine.graph.startAt), 'color="#333333"');
  drawScope(writer, machine.graph, end, m);
}

/** Nodes of one scope; transitions to the end of the scope go to `endNode`. */
function drawScope(writer: DotWriter, scope: StateScope, endNode: string, m: number): void {
  const scopePath = scope.path;
  for (const state of scope.states) {
    const path = scopePath === '' ? state.name : `${scopePath}${PATH_SEPARATOR}${state.name}`;
    const from = state.scopes.length > 0 ? drawContainer(writer, state, path, m) : drawState(writer, state, path, m);
    // Several rules or catchers that lead to the same state are one edge, their conditions one under another.
    const edges = new Map<string, { to: string; kind: Transition['kind']; labels: string[] }>();
    for (const t of state.transitions) {
      const to = t.target === null ? endNode : nodeId.state(m, scopePath === '' ? t.target : `${scopePath}${PATH_SEPARATOR}${t.target}`);
      const key = `${t.kind === 'default' ? 'choice' : t.kind}\u0000${to}`;
      const edge = edges.get(key) ?? { to, kind: t.kind, labels: [] };
      if (t.kind === 'default') edge.kind = 'default';
      if (t.label !== '' && t.kind !== 'next' && t.kind !== 'end') edge.labels.push(wrap(t.label));
      edges.set(key, edge);
    }
    for (const edge of edges.values()) {
      const joiner = edge.kind === 'catch' ? ',\n' : '\nor ';
      const label = edge.labels.length > 0 ? `label=${quote(edge.labels.join(joiner))}, ` : '';
      writer.edge(from, edge.to, `${label}${EDGE_STYLES[edge.kind]}`);
    }
  }
}

function drawState(writer: DotWriter, state: GraphState, path: string, m: number): string {
  const id = nodeId.state(m, path);
  writer.line(`${quote(id)} [${nodeAttributes(state)}];`);
  return id;
}

/** A Map or Parallel: a cluster with the entry node, the nested scope(s) and a "done" node; returns the done node. */
function drawContainer(writer: DotWriter, state: GraphState, path: string, m: number): string {
  const entry = nodeId.state(m, path);
  const done = nodeId.done(m, path);
  const isMap = state.type === 'Map';
  writer.line(`subgraph ${quote(writer.nextCluster())} {`);
  writer.indented(() => {
    writer.line(`label=${quote(isMap ? `${state.name}: for each item` : `${state.name}: branches run in parallel`)};`);
    writer.line('fontsize=10; fontcolor="#5e35b1"; style="dashed,rounded,filled"; color="#7e57c2"; fillcolor="#fbfaff";');
    writer.line(`${quote(entry)} [${nodeAttributes(state)}];`);
    for (const scope of state.scopes) {
      writer.edge(entry, nodeId.state(m, `${scope.path}${PATH_SEPARATOR}${scope.startAt}`), `label=${quote(isMap ? 'each item' : scope.label)}, color="#7e57c2", fontcolor="#5e35b1"`);
      if (isMap) {
        drawScope(writer, scope, done, m);
        continue;
      }
      writer.line(`subgraph ${quote(writer.nextCluster())} {`);
      writer.indented(() => {
        writer.line(`label=${quote(scope.label)}; fontsize=9; style="dotted,rounded"; color="#7e57c2";`);
        drawScope(writer, scope, done, m);
      });
      writer.line('}');
    }
    writer.line(`${quote(done)} [label="", xlabel=${quote(isMap ? 'all items done' : 'all branches done')}, shape=circle, style=filled, fillcolor="#7e57c2", color="#7e57c2", fontsize=8, fontcolor="#5e35b1", fixedsize=true, width=0.14];`);
  });
  writer.line('}');
  return done;
}

function nodeAttributes(state: GraphState): string {
  const style = STYLES[state.type] ?? STYLES.Task;
  const summary = state.type === 'Choice' ? '' : `<BR/><FONT POINT-SIZE="9" COLOR="#444444">${html(describeState(state))}</FONT>`;
  // What the state does with its data, in its language: Output and Assign (JSONata), ResultPath, OutputPath and Assign (JSONPath).
  const flow = dataFlowLines(state.json, state.language).map((line) => `<BR/><FONT POINT-SIZE="8" COLOR="#5e35b1">${html(line)}</FONT>`).join('');
  const retry = Array.isArray(state.json.Retry) && state.json.Retry.length > 0 ? '<BR/><FONT POINT-SIZE="8" COLOR="#666666">with retry</FONT>' : '';
  const fillStyle = style.extra ?? 'style=filled';
  return `label=<<B>${html(state.name)}</B>${summary}${flow}${retry}>, shape=${style.shape}, ${fillStyle}, fillcolor="${style.fill}", color="${style.line}"`;
}

/** Breaks a long edge label into lines of about 32 characters, at spaces. */
function wrap(text: string, width = 32): string {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else {
      current = current === '' ? word : `${current} ${word}`;
    }
  }
  lines.push(current);
  return lines.join('\n');
}

/** A DOT quoted string; newlines become DOT's centred line breaks. */
export function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

class DotWriter {
  readonly lines: string[] = [];
  readonly edges: string[] = [];
  private depth = 0;
  private clusters = 0;

  line(text: string): void {
    this.lines.push(`${'  '.repeat(this.depth)}${text}`);
  }

  indented(body: () => void): void {
    this.depth++;
    body();
    this.depth--;
  }

  edge(from: string, to: string, attributes: string): void {
    this.edges.push(`${quote(from)} -> ${quote(to)} [${attributes}];`);
  }

  nextCluster(): string {
    return `cluster_${this.clusters++}`;
  }
}
