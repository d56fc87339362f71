import { readStateMachine } from '../../scripts/lib/asl/graph';
import type { Json } from '../../scripts/lib/asl/json';
import { toDot } from '../../scripts/lib/diagram/dot';
import { toMermaid } from '../../scripts/lib/diagram/mermaid';
import { drawStacks } from '../../scripts/lib/diagram/render-stacks';
import { jsonataWorkflow, jsonPathWorkflow } from '../fixtures/query-languages/definitions';

// npm run diagrams on the same workflow in both query languages: Choice edges carry the rule's condition (the
// JSONata Condition's expression), and each node says what the state does with its data in its language.

const machineOf = (definition: object) => ({ address: 'aws_sfn_state_machine.demo', name: 'demo', graph: readStateMachine(definition as Json, 'test') });

/** The DOT's nodes by id, each with its data-flow lines (the purple 8-point lines of its label). */
function flowLinesOf(dot: string): Record<string, string[]> {
  const nodes: Record<string, string[]> = {};
  for (const match of dot.matchAll(/^\s*"(state:[^"]+)" \[label=<(.*)>, shape=/gm)) {
    const lines = [...match[2].matchAll(/<FONT POINT-SIZE="8" COLOR="#5e35b1">(.*?)<\/FONT>/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    if (lines.length > 0) nodes[match[1]] = lines;
  }
  return nodes;
}

/** The labels of the edges that leave `from`, by target. */
function edgeLabels(dot: string, from: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const match of dot.matchAll(/^\s*"([^"]+)" -> "([^"]+)" \[(?:label="((?:[^"\\]|\\.)*)", )?/gm)) {
    if (match[1] === from) labels[match[2]] = match[3] ?? '';
  }
  return labels;
}

describe('Graphviz (DOT)', () => {
  test('JSONata: the Choice edge is labelled with the Condition expression', () => {
    expect(edgeLabels(toDot('demo', [machineOf(jsonataWorkflow())]), 'state:0:Size')).toStrictEqual({ 'state:0:Pause': '$count > $limit', 'state:0:Each': 'default' });
  });

  test('JSONPath: the same rule read as one line', () => {
    expect(edgeLabels(toDot('demo', [machineOf(jsonPathWorkflow())]), 'state:0:Size')).toStrictEqual({ 'state:0:Pause': '$count > $limit', 'state:0:Each': 'default' });
  });

  test('JSONata: Output and Assign on the states that set them, nested ones included', () => {
    expect(flowLinesOf(toDot('demo', [machineOf(jsonataWorkflow())]))).toStrictEqual({
      'state:0:Start': ['Assign $limit, $count'],
      'state:0:Each': ['Output {results}'],
      'state:0:Each › Work': ['Output $states.result.Payload'],
    });
  });

  test('JSONPath: ResultPath, OutputPath and Assign on the states that set them', () => {
    expect(flowLinesOf(toDot('demo', [machineOf(jsonPathWorkflow())]))).toStrictEqual({
      'state:0:Start': ['Assign $limit, $count'],
      'state:0:Each': ['ResultPath $.results'],
      'state:0:Each › Work': ['OutputPath $.Payload'],
    });
  });

  test('both render to SVG, with the expressions in the picture', async () => {
    const stack = (definition: object) => ({ resource: { aws_sfn_state_machine: { demo: { name: 'demo', definition: JSON.stringify(definition) } } } });
    const drawn = await drawStacks({ jsonata: stack(jsonataWorkflow()), jsonpath: stack(jsonPathWorkflow()) } as Record<string, Json>);
    const has = (id: string, text: string) => drawn.find((d) => d.id === id)?.files[`${id}.svg`].includes(text) ?? false;
    expect([has('jsonata', '$count &gt; $limit'), has('jsonata', 'Output $states.result.Payload'), has('jsonpath', 'ResultPath $.results')]).toStrictEqual([true, true, true]);
  });
});

describe('Mermaid', () => {
  test('JSONata: the Condition on the arrow, and one description line per data field', () => {
    const lines = toMermaid(machineOf(jsonataWorkflow())).split('\n');
    expect(lines.filter((line) => / : /.test(line) && !line.includes('classDef'))).toStrictEqual([
      '  s1 : Pass',
      '  s1 : Assign $limit, $count',
      '  s2 : Choice',
      '  s3 : Wait ($states.input.delay) s',
      '    s5 : Task · lambda:invoke',
      '    s5 : Output $states.result.Payload',
      '    s6 : Pass',
      '    s5 --> s6 : catch States.ALL',
      '  s2 --> s3 : $count #gt; $limit',
      '  s2 --> s4 : default',
    ]);
  });
});
