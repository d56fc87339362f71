import { readStateMachine } from '../../scripts/lib/asl/graph';
import type { Json } from '../../scripts/lib/asl/json';
import { nodeId, toDot } from '../../scripts/lib/diagram/dot';
import { stateMachinesOf, type StackStateMachine } from '../../scripts/lib/diagram/machines';
import { toMermaid } from '../../scripts/lib/diagram/mermaid';
import { drawStacks } from '../../scripts/lib/diagram/render-stacks';
import { synthApp } from '../support/synth';

type Definition = { StartAt: string; States: Record<string, Record<string, any>> };

/** What the definition says, read here independently of the generator: every edge a diagram must show. */
interface ExpectedEdge {
  from: string;
  to: string;
  /** Words the edge label must hold: a Choice rule's variable, a Catch's error names. */
  mentions: string[];
  dashed: boolean;
}

function expectedEdges(definition: Definition, scope = '', endNode = nodeId.end(0)): { names: string[]; edges: ExpectedEdge[] } {
  const names: string[] = [];
  const edges: ExpectedEdge[] = [];
  const pathOf = (name: string) => (scope === '' ? name : `${scope} › ${name}`);
  if (scope === '') edges.push({ from: nodeId.start(0), to: nodeId.state(0, definition.StartAt), mentions: [], dashed: false });
  for (const [name, state] of Object.entries(definition.States)) {
    const path = pathOf(name);
    names.push(name);
    const container = state.Type === 'Map' || state.Type === 'Parallel';
    const from = container ? nodeId.done(0, path) : nodeId.state(0, path);
    const to = (target: string) => nodeId.state(0, pathOf(target));
    if (state.Next) edges.push({ from, to: to(state.Next), mentions: [], dashed: false });
    if (state.End || state.Type === 'Succeed') edges.push({ from, to: endNode, mentions: [], dashed: false });
    if (state.Default) edges.push({ from, to: to(state.Default), mentions: ['default'], dashed: false });
    for (const rule of state.Choices ?? []) edges.push({ from, to: to(rule.Next), mentions: rule.Variable ? [rule.Variable] : [], dashed: false });
    for (const c of state.Catch ?? []) edges.push({ from, to: to(c.Next), mentions: c.ErrorEquals, dashed: true });
    const inner: Definition[] = state.Type === 'Map' ? [state.ItemProcessor ?? state.Iterator] : state.Type === 'Parallel' ? state.Branches : [];
    inner.forEach((branch, i) => {
      const innerScope = state.Type === 'Parallel' ? `${path} › branch ${i + 1}` : path;
      edges.push({ from: nodeId.state(0, path), to: nodeId.state(0, `${innerScope} › ${branch.StartAt}`), mentions: [], dashed: false });
      const nested = expectedEdges(branch, innerScope, nodeId.done(0, path));
      names.push(...nested.names);
      edges.push(...nested.edges);
    });
  }
  return { names, edges };
}

/** The nodes (with their cluster depth and attributes) and edges of the DOT text the generator wrote. */
function parseDot(dot: string) {
  const unquote = (s: string) => s.replace(/\\(.)/g, '$1');
  const quoted = '"((?:[^"\\\\]|\\\\.)*)"';
  const nodes = new Map<string, { depth: number; attributes: string }>();
  const edges: { from: string; to: string; attributes: string }[] = [];
  let depth = 0;
  for (const line of dot.split('\n')) {
    const edge = new RegExp(`^\\s*${quoted} -> ${quoted} \\[(.*)\\];$`).exec(line);
    const node = new RegExp(`^\\s*${quoted} \\[(.*)\\];$`).exec(line);
    if (/^\s*subgraph /.test(line)) depth++;
    else if (/^\s*}$/.test(line)) depth--;
    else if (edge) edges.push({ from: unquote(edge[1]), to: unquote(edge[2]), attributes: edge[3] });
    else if (node) nodes.set(unquote(node[1]), { depth, attributes: node[2] });
  }
  return { nodes, edges };
}

function expectDiagramMatches(definition: Definition, machine: StackStateMachine): void {
  const dot = toDot('test', [machine]);
  const { nodes, edges } = parseDot(dot);
  const expected = expectedEdges(definition);

  // THEN every state is a node that shows its name; nested states sit inside a cluster
  for (const placed of expected.edges.flatMap((e) => [e.from, e.to])) expect(nodes.has(placed)).toBe(true);
  for (const name of expected.names) expect(dot).toContain(`<B>${name.replace(/&/g, '&amp;')}</B>`);
  for (const [id, node] of nodes) {
    if (id.startsWith('state:0:') && id.includes(' › ')) expect({ id, inCluster: node.depth > 0 }).toStrictEqual({ id, inCluster: true });
  }
  // AND every transition is an edge, labelled with its condition or errors; Catch edges are dashed
  for (const want of expected.edges) {
    const found = edges.filter((e) => e.from === want.from && e.to === want.to);
    expect({ edge: `${want.from} -> ${want.to}`, found: found.length > 0 }).toStrictEqual({ edge: `${want.from} -> ${want.to}`, found: true });
    for (const word of want.mentions) expect(found.some((e) => e.attributes.includes(word))).toBe(true);
    if (want.dashed) expect(found.some((e) => e.attributes.includes('style=dashed'))).toBe(true);
  }
  // AND there is no edge the definition does not have
  const wanted = new Set(expected.edges.map((e) => `${e.from} -> ${e.to}`));
  expect(edges.map((e) => `${e.from} -> ${e.to}`).filter((e) => !wanted.has(e))).toStrictEqual([]);
}

/** Mermaid keeps every Choice rule as its own arrow: one per transition, plus `[*] -->` per scope. */
function expectMermaidMatches(definition: Definition, machine: StackStateMachine): void {
  const mermaid = toMermaid(machine);
  const expected = expectedEdges(definition);
  expect(mermaid.startsWith('stateDiagram-v2\n')).toBe(true);
  for (const name of expected.names) expect(mermaid).toContain(`state "${name.replace(/"/g, "'")}`);
  expect(mermaid.split('\n').filter((line) => line.includes(' --> '))).toHaveLength(expected.edges.length);
}

const stacks = synthApp().stacks;

describe('diagrams of the synthesized stacks', () => {
  const withMachines = Object.entries(stacks).filter(([, s]) => Object.keys(s.json.resource.aws_sfn_state_machine ?? {}).length > 0);

  test('there is at least one state machine to draw', () => {
    expect(withMachines.length).toBeGreaterThan(0);
  });

  test.each(withMachines.map(([id]) => [id]))('%s: the DOT has every state and every edge of the definition', (id) => {
    const stack = stacks[id];
    for (const machine of stateMachinesOf(id, stack.json as unknown as Json)) {
      const body = stack.json.resource.aws_sfn_state_machine[machine.address.split('.')[1]];
      expectDiagramMatches(JSON.parse(String(body.definition)), machine);
    }
  });

  test.each(withMachines.map(([id]) => [id]))('%s: the Mermaid block names every state and has one arrow per transition', (id) => {
    for (const machine of stateMachinesOf(id, stacks[id].json as unknown as Json)) {
      const definition = JSON.parse(String(stacks[id].json.resource.aws_sfn_state_machine[machine.address.split('.')[1]].definition));
      expectMermaidMatches(definition, machine);
    }
  });

  test('the SVG has a titled element for every node and edge, and the same bytes twice', async () => {
    const documents = Object.fromEntries(withMachines.map(([id, s]) => [id, s.json as unknown as Json]));
    const [first, second] = [await drawStacks(documents), await drawStacks(documents)];
    expect(second).toStrictEqual(first);
    for (const stack of first) {
      const svg = stack.files[`${stack.id}.svg`];
      const titles = new Set([...svg.matchAll(/<title>(.*?)<\/title>/g)].map((m) => m[1]));
      const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/-/g, '&#45;');
      const { nodes, edges } = parseDot(stack.dot);
      for (const id of nodes.keys()) expect(titles.has(xml(id))).toBe(true);
      for (const e of edges) expect(titles.has(xml(`${e.from}->${e.to}`))).toBe(true);
      expect(svg).not.toMatch(/\/(tmp|home|work)\//);
    }
  });
});

describe('diagram of nested Parallel and Map states', () => {
  // GIVEN a definition with what no stack has yet: Parallel branches, a distributed Map with a Catch, And rules
  const definition: Definition = {
    StartAt: 'Prepare',
    States: {
      Prepare: { Type: 'Pass', Next: 'Fan out' },
      'Fan out': {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'Check A', States: { 'Check A': { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } },
          {
            StartAt: 'Pick',
            States: {
              Pick: { Type: 'Choice', Choices: [{ And: [{ Variable: '$.n', NumericGreaterThan: 3 }, { Variable: '$.s', IsString: true }], Next: 'Big' }], Default: 'Small' },
              Big: { Type: 'Succeed' },
              Small: { Type: 'Wait', SecondsPath: '$.wait', End: true },
            },
          },
        ],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Broken' }],
        Next: 'Each',
      },
      Each: {
        Type: 'Map',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
          StartAt: 'Inner',
          States: {
            Inner: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Catch: [{ ErrorEquals: ['Lambda.Unknown', 'States.Timeout'], Next: 'InnerFail' }], End: true },
            InnerFail: { Type: 'Fail', Error: 'ItemFailed' },
          },
        },
        Catch: [{ ErrorEquals: ['States.ItemReaderFailed'], Next: 'Broken' }],
        End: true,
      },
      Broken: { Type: 'Fail', Error: 'Broken' },
    },
  };
  const machine = { address: 'aws_sfn_state_machine.nested', name: 'nested', graph: readStateMachine(definition as unknown as Json, 'test') };

  test('every state and edge is drawn, nested states inside their clusters', () => {
    expectDiagramMatches(definition, machine);
    expect(toDot('test', [machine])).toContain('label="$.n > 3 and $.s is a string"');
  });

  test('Mermaid draws the Parallel as a composite state with one region per branch', () => {
    expectMermaidMatches(definition, machine);
    const mermaid = toMermaid(machine);
    expect(mermaid).toMatch(/state "Fan out \(Parallel · 2 branches\)" as s\d+ \{\n[\s\S]*\n {4}--\n[\s\S]*\n {2}\}/);
    expect(mermaid).toContain(': $.n #gt; 3 and $.s is a string');
    expect(mermaid).toContain(': catch States.ItemReaderFailed');
  });
});
