import { nestedScopes, walkScopes, walkStates, withoutNestedStates } from '../../definitions/asl-walk';

// One definition with every kind of nesting: a Map (ItemProcessor) whose item processor holds a Parallel with two
// branches that reuse a state name, and an older Map written with Iterator.
const definition = {
  StartAt: 'Read',
  States: {
    Read: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem', Next: 'Each' },
    Each: {
      Type: 'Map',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Both',
        States: {
          Both: {
            Type: 'Parallel',
            Branches: [
              { StartAt: 'Log', States: { Log: { Type: 'Pass', End: true } } },
              { StartAt: 'Log', States: { Log: { Type: 'Wait', Seconds: 1, End: true } } },
            ],
            End: true,
          },
        },
      },
      Next: 'Old',
    },
    Old: { Type: 'Map', Iterator: { StartAt: 'Inner', States: { Inner: { Type: 'Succeed' } } }, End: true },
  },
};

describe('nestedScopes: where a state keeps its nested states', () => {
  test("a Map's ItemProcessor, labelled items", () => {
    expect(nestedScopes(definition.States.Each)).toStrictEqual([{ kind: 'items', label: 'items', key: 'ItemProcessor', json: definition.States.Each.ItemProcessor }]);
  });
  test("an older Map's Iterator", () => {
    expect(nestedScopes(definition.States.Old)).toStrictEqual([{ kind: 'items', label: 'items', key: 'Iterator', json: definition.States.Old.Iterator }]);
  });
  test("each of a Parallel's Branches, labelled branch 1, branch 2", () => {
    const parallel = definition.States.Each.ItemProcessor.States.Both;
    expect(nestedScopes(parallel).map((s) => [s.kind, s.label, s.key, s.json])).toStrictEqual([
      ['branch', 'branch 1', 'Branches', parallel.Branches[0]],
      ['branch', 'branch 2', 'Branches', parallel.Branches[1]],
    ]);
  });
  test('none for other states, or for a Map without an item processor', () => {
    expect(nestedScopes(definition.States.Read)).toStrictEqual([]);
    expect(nestedScopes({ Type: 'Map' })).toStrictEqual([]);
  });
});

describe('walkStates: every state, depth first, with a unique path', () => {
  test('definition order, nested states right after the state that holds them; branches add their label to the path', () => {
    expect(walkStates(definition).map((w) => [w.path.join(' › '), w.depth])).toStrictEqual([
      ['Read', 0],
      ['Each', 0],
      ['Each › Both', 1],
      ['Each › Both › branch 1 › Log', 2],
      ['Each › Both › branch 2 › Log', 2],
      ['Old', 0],
      ['Old › Inner', 1],
    ]);
  });
  test('each state is the object in the definition, with the scope that holds it (so a copy can be rewritten in place)', () => {
    const log = walkStates(definition).find((w) => w.path.join('/') === 'Each/Both/branch 2/Log')!;
    expect(log.name).toBe('Log');
    expect(log.state).toBe(definition.States.Each.ItemProcessor.States.Both.Branches[1].States.Log);
    expect(log.scope).toBe(definition.States.Each.ItemProcessor.States.Both.Branches[1]);
  });
  test('what is not an object (a broken definition) is passed over, not thrown on', () => {
    expect(walkStates({ StartAt: 'A', States: { A: 'nonsense', B: { Type: 'Map', ItemProcessor: 7 }, C: { Type: 'Parallel', Branches: [null] } } }).map((w) => w.name)).toStrictEqual(['B', 'C']);
    expect(walkStates(null)).toStrictEqual([]);
    expect(walkStates({ StartAt: 'A' })).toStrictEqual([]);
  });
});

test('walkScopes: the top level, then each nested scope after the state that holds it, with its path', () => {
  expect(walkScopes(definition).map((s) => [s.path.join(' › '), s.depth, Object.keys(s.scope.States as object)])).toStrictEqual([
    ['', 0, ['Read', 'Each', 'Old']],
    ['Each', 1, ['Both']],
    ['Each › Both › branch 1', 2, ['Log']],
    ['Each › Both › branch 2', 2, ['Log']],
    ['Old', 1, ['Inner']],
  ]);
});

test('withoutNestedStates: a copy of the state whose nested scopes keep everything but their States', () => {
  const map = definition.States.Each;
  expect(withoutNestedStates(map)).toStrictEqual({ Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Both' }, Next: 'Old' });
  const parallel = map.ItemProcessor.States.Both;
  expect(withoutNestedStates(parallel)).toStrictEqual({ Type: 'Parallel', Branches: [{ StartAt: 'Log' }, { StartAt: 'Log' }], End: true });
  expect(withoutNestedStates(definition.States.Read)).toStrictEqual(definition.States.Read);
  expect(map.ItemProcessor.States.Both).toBe(parallel); // the definition is left as it was
});
