import { validateAsl } from '../../definitions/validate';
import type { Json } from '../../scripts/lib/asl/json';
import { compareApps, type SynthesizedApp } from '../../scripts/lib/diff/compare';
import { renderMarkdown } from '../../scripts/lib/diff/render-markdown';
import { renderText } from '../../scripts/lib/diff/render-text';
import { diffStateMachines } from '../../scripts/lib/diff/states';
import { jsonataWorkflow, jsonPathWorkflow } from '../fixtures/query-languages/definitions';

// npm run diff on definitions in both query languages: a state's JSONata expressions are shown and compared as
// expressions, Assign by the variables it sets, a changed Choice condition as the two conditions.

type Definition = ReturnType<typeof jsonataWorkflow>;

/** GIVEN a fixture, WHEN `edit` changes a copy of it, THEN the state changes diffStateMachines reports. */
function statesChanged(fixture: () => Definition, edit: (d: Definition) => void) {
  const after = fixture();
  edit(after);
  expect(validateAsl(after)).toStrictEqual([]);
  return diffStateMachines(fixture() as unknown as Json, after as unknown as Json, 'test').states;
}

/** The same edit through a whole (one-resource) app, rendered as text. */
function textOf(fixture: () => Definition, edit: (d: Definition) => void): string {
  const app = (definition: Definition): SynthesizedApp => ({ demo: { resource: { aws_sfn_state_machine: { m: { name: 'demo', definition: JSON.stringify(definition) } } } } });
  const after = fixture();
  edit(after);
  return renderText(compareApps(app(fixture()), app(after)), { before: 'main', after: 'working tree' });
}

describe('the fixtures are valid in their language', () => {
  test.each([['JSONata', jsonataWorkflow], ['JSONPath', jsonPathWorkflow]] as const)('%s', (_language, fixture) => {
    expect(validateAsl(fixture())).toStrictEqual([]);
  });
});

describe('JSONata states', () => {
  test('a changed Condition is one change showing the two expressions, not a transition gone and another new', () => {
    const changes = statesChanged(jsonataWorkflow, (d) => (d.States.Size.Choices[0].Condition = '{% $count >= $limit * 2 %}'));
    expect(changes).toStrictEqual([
      {
        path: 'Size',
        kind: 'changed',
        summary: 'Choice',
        transitions: [],
        fields: [{ path: 'rule #1 condition', kind: 'changed', before: '{% $count > $limit %}', after: '{% $count >= $limit * 2 %}' }],
      },
    ]);
  });

  test('a changed Condition that also leads elsewhere: the condition change and the new target', () => {
    const changes = statesChanged(jsonataWorkflow, (d) => {
      Object.assign(d.States.Size.Choices[0], { Condition: '{% $count > 10 %}', Next: 'Each' });
      d.States.Size.Default = 'Pause';
    });
    expect(changes[0]).toStrictEqual({
      path: 'Size',
      kind: 'changed',
      summary: 'Choice',
      transitions: [
        { kind: 'changed', on: 'if $count > 10', before: 'Pause', after: 'Each' },
        { kind: 'changed', on: 'Default', before: 'Each', after: 'Pause' },
      ],
      fields: [{ path: 'rule #1 condition', kind: 'changed', before: '{% $count > $limit %}', after: '{% $count > 10 %}' }],
    });
  });

  test('Assign is compared by variable name: one changed, one added; a rule\'s Assign under its condition', () => {
    const changes = statesChanged(jsonataWorkflow, (d) => {
      d.States.Start.Assign = { limit: '{% $states.input.limit %}', count: d.States.Start.Assign.count, started: '{% $now() %}' };
      d.States.Size.Choices[0].Assign = { big: false };
    });
    expect(changes.map((c) => [c.path, c.fields])).toStrictEqual([
      [
        'Start',
        [
          { path: 'Assign $limit', kind: 'changed', before: 2, after: '{% $states.input.limit %}' },
          { path: 'Assign $started', kind: 'added', after: '{% $now() %}' },
        ],
      ],
      ['Size', [{ path: 'Choices["if $count > $limit"].Assign $big', kind: 'changed', before: true, after: false }]],
    ]);
  });

  test('Output, Arguments, Items, MaxConcurrency and a catcher\'s Output of a nested state are diffed as expressions', () => {
    const changes = statesChanged(jsonataWorkflow, (d) => {
      const work = d.States.Each.ItemProcessor.States.Work;
      work.Arguments.Payload = '{% $states.input.id %}';
      work.Catch[0].Output = '{% $merge([$states.input, $states.errorOutput]) %}';
      d.States.Each.MaxConcurrency = '{% $limit + 1 %}';
    });
    expect(changes.map((c) => [c.path, c.summary, c.fields])).toStrictEqual([
      ['Each', 'Map · inline, ($limit + 1) at a time', [{ path: 'MaxConcurrency', kind: 'changed', before: '{% $limit %}', after: '{% $limit + 1 %}' }]],
      [
        'Each › Work',
        'Task · lambda:invoke',
        [
          { path: 'Arguments.Payload', kind: 'changed', before: '{% $states.input %}', after: '{% $states.input.id %}' },
          { path: 'Catch["Catch States.ALL"].Output', kind: 'changed', before: '{% $states.errorOutput %}', after: '{% $merge([$states.input, $states.errorOutput]) %}' },
        ],
      ],
    ]);
  });

  test('the text report shows expressions as code, unquoted and on one line, and variables by name', () => {
    const text = textOf(jsonataWorkflow, (d) => {
      d.States.Size.Choices[0].Condition = '{%\n  $count > 3\n%}';
      d.States.Start.Assign.limit = '{% $states.input.limit %}';
    });
    const lines = text.split('\n').filter((line) => line.startsWith('          '));
    expect(lines).toStrictEqual([
      '          Assign $limit: 2 → {% $states.input.limit %}',
      '          rule #1 condition: {% $count > $limit %} → {% $count > 3 %}',
    ]);
  });

  test('the Markdown report shows the two expressions as code spans in the table cell of the state', () => {
    const markdown = renderMarkdown(
      compareApps(
        { demo: { resource: { aws_sfn_state_machine: { m: { name: 'demo', definition: JSON.stringify(jsonataWorkflow()) } } } } },
        {
          demo: {
            resource: {
              aws_sfn_state_machine: {
                m: { name: 'demo', definition: JSON.stringify({ ...jsonataWorkflow(), States: { ...jsonataWorkflow().States, Pause: { Type: 'Wait', Seconds: '{% $states.input.delay ? 5 : 1 %}', Next: 'Each' } } }) },
              },
            },
          },
        },
      ),
      { before: 'main', after: 'working tree' },
    );
    expect(markdown.split('\n').filter((line) => line.includes('`Pause`'))).toStrictEqual([
      // The summary is plain text, its `$` escaped (GitHub would read `$…$` as math); the values are code spans.
      '| ✏️ | `Pause` | Wait (\\$states.input.delay ? 5 : 1) s<br>`Seconds`: `{% $states.input.delay %}` → `{% $states.input.delay ? 5 : 1 %}` |',
    ]);
  });
});

describe('JSONPath states', () => {
  test('a changed condition (Variable and operator) is one change, as the rule reads', () => {
    const changes = statesChanged(jsonPathWorkflow, (d) => {
      const rule = d.States.Size.Choices[0];
      delete rule.NumericGreaterThanPath;
      Object.assign(rule, { Variable: '$.total', NumericGreaterThan: 100 });
    });
    expect(changes).toStrictEqual([
      { path: 'Size', kind: 'changed', summary: 'Choice', transitions: [], fields: [{ path: 'rule #1 condition', kind: 'changed', before: '$count > $limit', after: '$.total > 100' }] },
    ]);
  });

  test('an Assign with a .$ key is shown by the variable it sets', () => {
    const changes = statesChanged(jsonPathWorkflow, (d) => (d.States.Start.Assign['count.$'] = 'States.ArrayLength($.orders)'));
    expect(changes[0].fields).toStrictEqual([{ path: 'Assign $count', kind: 'changed', before: 'States.ArrayLength($.items)', after: 'States.ArrayLength($.orders)' }]);
  });
});

describe('a state moved from JSONPath to JSONata', () => {
  test('its QueryLanguage, and the JSONPath fields replaced by JSONata ones', () => {
    const changes = statesChanged(jsonPathWorkflow, (d) => {
      d.States.Pause = { Type: 'Wait', QueryLanguage: 'JSONata', Seconds: '{% $states.input.delay %}', Next: 'Each' };
    });
    expect(changes).toStrictEqual([
      {
        path: 'Pause',
        kind: 'changed',
        summary: 'Wait ($states.input.delay) s',
        transitions: [],
        fields: [
          { path: 'QueryLanguage', kind: 'added', after: 'JSONata' },
          { path: 'Seconds', kind: 'added', after: '{% $states.input.delay %}' },
          { path: 'SecondsPath', kind: 'removed', before: '$.delay' },
        ],
      },
    ]);
  });
});
