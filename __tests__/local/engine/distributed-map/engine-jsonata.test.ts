/**
 * A Distributed Map in JSONata (Developer Guide, "Transforming data with JSONata": Arguments, Output, Assign,
 * `$states.context`; "ItemReader (Map)": Arguments; recorded AWS: test_map_item_reader_base_json_max_items_jsonata).
 */
import { distributed, itemsJson, mapMachine, PUT, run } from './engine-support';

const GET = 'arn:aws:states:::s3:getObject';
const JSONATA = { QueryLanguage: 'JSONata' };

describe('Distributed Map in JSONata', () => {
  test('ItemReader Arguments and a ReaderConfig.MaxItems expression (recorded AWS template: "{% $maxItems := 2 %}")', async () => {
    const reader = { Resource: GET, ReaderConfig: { InputType: 'JSON', MaxItems: '{% $maxItems := 2 %}' }, Arguments: { Bucket: '{% $states.input.Bucket %}', Key: '{% $states.input.Key %}' } };
    const definition = mapMachine({ MaxConcurrency: 1, ItemReader: reader, ItemProcessor: distributed({ P: { Type: 'Pass', End: true } }) }, JSONATA);
    const outcome = await run(definition, { objects: itemsJson(['a', 'b', 'c']), input: { Bucket: 'b', Key: 'items.json' } });
    expect(outcome.output).toEqual(['a', 'b']);
  });

  test('Items and ItemSelector with $states.context.Map.Item; the child is JSONata too', async () => {
    const definition = mapMachine(
      {
        Items: '{% $states.input.list %}',
        ItemSelector: { i: '{% $states.context.Map.Item.Index %}', v: '{% $states.context.Map.Item.Value %}' },
        ItemProcessor: distributed({ P: { Type: 'Pass', Output: '{% $states.input.v & "-" & $string($states.input.i) %}', End: true } }),
      },
      JSONATA,
    );
    expect((await run(definition, { input: { list: ['x', 'y'] } })).output).toEqual(['x-0', 'y-1']);
  });

  test('Output and Assign see $states.result (the Map Run\'s result)', async () => {
    const definition = {
      ...JSONATA,
      StartAt: 'M',
      States: {
        M: { Type: 'Map', Items: [1, 2, 3], ItemProcessor: distributed({ P: { Type: 'Pass', End: true } }), Output: { total: '{% $sum($states.result) %}' }, Assign: { n: '{% $count($states.result) %}' }, Next: 'After' },
        After: { Type: 'Pass', Output: { total: '{% $states.input.total %}', n: '{% $n %}' }, End: true },
      },
    };
    expect((await run(definition)).output).toEqual({ total: 6, n: 3 });
  });

  test('ItemBatcher with a BatchInput expression and ResultWriter Arguments', async () => {
    const definition = mapMachine(
      {
        Items: [1, 2, 3],
        ItemBatcher: { MaxItemsPerBatch: '{% 2 %}', BatchInput: { tag: '{% $states.input.tag %}' } },
        ItemProcessor: distributed({ P: { Type: 'Pass', End: true } }),
        ResultWriter: { Resource: PUT, Arguments: { Bucket: 'b', Prefix: '{% "runs/" & $states.input.tag %}' } },
      },
      JSONATA,
    );
    const outcome = await run(definition, { input: { tag: 't1' } });
    expect(outcome.children.map((c) => c.input)).toEqual([
      { BatchInput: { tag: 't1' }, Items: [1, 2] },
      { BatchInput: { tag: 't1' }, Items: [3] },
    ]);
    expect((outcome.output as { ResultWriterDetails: { Key: string } }).ResultWriterDetails.Key).toMatch(/^runs\/t1\/.+\/manifest\.json$/);
  });

  test('a JSONPath machine\'s Distributed Map whose ItemProcessor says QueryLanguage JSONata runs JSONata children', async () => {
    const processor = { ...distributed({ P: { Type: 'Pass', Output: '{% $states.input * 2 %}', End: true } }), QueryLanguage: 'JSONata' };
    const outcome = await run(mapMachine({ ItemsPath: '$.n', ItemProcessor: processor }), { input: { n: [7] } });
    expect(outcome.output).toEqual([14]);
  });
});
