import type { ConformanceCase } from '../case';
import { chain, echo, lit, one, returns, runtimePrefix, task } from './build';

const IO = 'DG "Processing input and output in Step Functions"';
const RP = 'DG "Specifying state output using ResultPath in Step Functions"';
const OP = 'DG "Filtering state output using OutputPath"';
const PATHS = 'ASL spec "Paths" / "Reference Paths"';

export const inputOutputProcessing: readonly ConformanceCase[] = [
  { id: 'inputpath-selects', source: `${IO}: InputPath`, definition: one({ Type: 'Pass', InputPath: '$.lib' }), input: { lib: { a: 1 }, x: 2 }, expect: { status: 'SUCCEEDED', output: { a: 1 } } },
  { id: 'inputpath-dollar-default', source: `${IO}: InputPath defaults to $ (the whole input)`, definition: one({ Type: 'Pass', InputPath: '$' }), input: { a: 1 }, expect: { status: 'SUCCEEDED', output: { a: 1 } } },
  { id: 'inputpath-null-empty-object', source: `${IO}: InputPath null: the effective input is {}`, definition: one({ Type: 'Pass', InputPath: null }), input: { a: 1 }, expect: { status: 'SUCCEEDED', output: {} } },
  { id: 'outputpath-null-empty-object', source: `${OP}: OutputPath null: the output is {}`, definition: one({ Type: 'Pass', OutputPath: null }), input: { a: 1 }, expect: { status: 'SUCCEEDED', output: {} } },
  { id: 'outputpath-selects', source: OP, definition: one({ Type: 'Pass', OutputPath: '$.a.b' }), input: { a: { b: [1, 2] } }, expect: { status: 'SUCCEEDED', output: [1, 2] } },
  { id: 'inputpath-array-index', source: `${PATHS}: an index selects one array element`, definition: one({ Type: 'Pass', InputPath: '$.items[1]' }), input: { items: ['a', 'b', 'c'] }, expect: { status: 'SUCCEEDED', output: 'b' } },
  { id: 'inputpath-context-object', source: 'DG "Accessing execution data from the Context object": $$ paths in InputPath (recorded: InputPath $$.Execution.Input)', definition: one({ Type: 'Pass', InputPath: '$$.Execution.Input' }), input: { v: 0 }, expect: { status: 'SUCCEEDED', output: { v: 0 } } },
  { id: 'outputpath-context-object', source: 'DG "Accessing execution data from the Context object": $$ paths in OutputPath (recorded)', definition: one({ Type: 'Pass', Result: 'x', OutputPath: '$$.Execution.Input' }), input: { v: 0 }, expect: { status: 'SUCCEEDED', output: { v: 0 } } },
  {
    id: 'inputpath-missing-runtime', source: `DG "Handling errors": States.Runtime (a path that matches nothing; cause as recorded)`, definition: one({ Type: 'Pass', InputPath: '$.NoSuchInputPath' }, 'pass'), input: { a: 1 },
    expect: { status: 'FAILED', error: 'States.Runtime', cause: `${runtimePrefix('pass')}Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']` },
  },
  {
    id: 'outputpath-missing-runtime', source: `DG "Handling errors": States.Runtime (OutputPath that matches nothing; cause as recorded)`, definition: one({ Type: 'Pass', OutputPath: '$.NoSuchOutputPath' }, 'pass'), input: { a: 1 },
    expect: { status: 'FAILED', error: 'States.Runtime', cause: `${runtimePrefix('pass')}Invalid path '$.NoSuchOutputPath' : No results for path: $['NoSuchOutputPath']` },
  },
  {
    id: 'inputpath-nested-missing-runtime', source: 'DG "Handling errors": States.Runtime; recorded cause names the first missing property', definition: one({ Type: 'Pass', InputPath: '$.no.such.path' }, 'pass'), input: { a: 1 },
    expect: { status: 'FAILED', error: 'States.Runtime', cause: `${runtimePrefix('pass')}Invalid path '$.no.such.path' : Missing property in path $['no']` },
  },
  { id: 'inputpath-missing-not-caught-by-all', source: 'DG "Handling errors": States.ALL does not catch States.Runtime', definition: chain({ T: task({ InputPath: '$.missing', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }], Next: 'Done' }), Caught: { Type: 'Pass', End: true }, Done: { Type: 'Pass', End: true } }), input: {}, taskResults: { T: [returns(1)] }, expect: { status: 'FAILED', error: 'States.Runtime' } },
  { id: 'resultpath-dollar-replaces', source: `${RP}: ResultPath $ (default) replaces the input with the result`, definition: one(task({ ResultPath: '$' }), 'T'), input: { a: 1 }, taskResults: { T: [returns({ r: 2 })] }, expect: { status: 'SUCCEEDED', output: { r: 2 } } },
  { id: 'resultpath-field-merges', source: `${RP}: "ResultPath": "$.taskresult" adds the result to the input`, definition: one(task({ ResultPath: '$.taskresult' }), 'T'), input: { comment: 'hi', details: 'x' }, taskResults: { T: [returns('Hello, AWS Step Functions!')] }, expect: { status: 'SUCCEEDED', output: { comment: 'hi', details: 'x', taskresult: 'Hello, AWS Step Functions!' }, keyOrder: true } },
  { id: 'resultpath-null-keeps-input', source: `${RP}: "ResultPath": null discards the result`, definition: one(task({ ResultPath: null }), 'T'), input: { a: 1 }, taskResults: { T: [returns({ big: 'result' })] }, expect: { status: 'SUCCEEDED', output: { a: 1 } } },
  { id: 'resultpath-uses-raw-input-not-inputpath', source: `${IO}: ResultPath combines the result with the state's raw input (before InputPath)`, definition: one(task({ InputPath: '$.sub', ResultPath: '$.res' }), 'T'), input: { sub: { v: 1 }, top: true }, taskResults: { T: [echo] }, expect: { status: 'SUCCEEDED', output: { sub: { v: 1 }, top: true, res: { v: 1 } } } },
  { id: 'resultpath-non-object-input-fails', source: 'DG "Handling errors": States.ResultPathMatchFailure (the ResultPath cannot be applied to the input)', definition: one(task({ ResultPath: '$.res' }), 'T'), input: [1, 2], taskResults: { T: [returns(1)] }, expect: { status: 'FAILED', error: 'States.ResultPathMatchFailure' } },
  { id: 'resultselector-picks', source: `${IO}: ResultSelector (example: select fields of a result)`, definition: one(task({ ResultSelector: { 'ClusterId.$': '$.output.ClusterId', 'ResourceType.$': '$.resourceType' }, ResultPath: '$.EMROutput' }), 'T'), input: { in: 1 }, taskResults: { T: [returns({ resourceType: 'elasticmapreduce', resource: 'createCluster.sync', output: { SdkHttpMetadata: {}, ClusterId: 'AKIAIOSFODNN7EXAMPLE' } })] }, expect: { status: 'SUCCEEDED', output: { in: 1, EMROutput: { ClusterId: 'AKIAIOSFODNN7EXAMPLE', ResourceType: 'elasticmapreduce' } } } },
  { id: 'resultselector-before-resultpath-and-outputpath', source: `${IO}: order ResultSelector → ResultPath → OutputPath`, definition: one(task({ ResultSelector: { 'n.$': '$.count' }, ResultPath: '$.sel', OutputPath: '$.sel.n' }), 'T'), input: {}, taskResults: { T: [returns({ count: 3, other: 1 })] }, expect: { status: 'SUCCEEDED', output: 3 } },
  { id: 'full-pipeline-order', source: `${IO}: InputPath → Parameters → task → ResultSelector → ResultPath → OutputPath`, definition: one(task({ InputPath: '$.in', Parameters: { 'x.$': '$.x', fixed: 1 }, ResultSelector: { 'got.$': '$' }, ResultPath: '$.result', OutputPath: '$.result.got' }), 'T'), input: { in: { x: 'X', y: 'Y' }, z: 0 }, taskResults: { T: [echo] }, expect: { status: 'SUCCEEDED', output: { x: 'X', fixed: 1 } } },
  { id: 'parameters-with-inputpath', source: `${IO}: Parameters paths read the InputPath-filtered input`, definition: one({ Type: 'Pass', InputPath: '$.a', Parameters: { 'b.$': '$.b' } }), input: { a: { b: 1 }, b: 2 }, expect: { status: 'SUCCEEDED', output: { b: 1 } } },
  { id: 'outputpath-after-resultpath', source: `${OP}: OutputPath reads the ResultPath-combined document`, definition: one({ Type: 'Pass', Result: { r: 1 }, ResultPath: '$.res', OutputPath: '$' }), input: { a: 1 }, expect: { status: 'SUCCEEDED', output: { a: 1, res: { r: 1 } } } },
  { id: 'slice-path', source: `${PATHS}: slices select a sub-array`, definition: one({ Type: 'Pass', Parameters: { 'p.$': '$.items[1:3]' } }), input: { items: [0, 1, 2, 3] }, expect: { status: 'SUCCEEDED', output: { p: [1, 2] } } },
  { id: 'wildcard-field', source: `${PATHS}: a wildcard over an array of objects gives the list of values`, definition: one({ Type: 'Pass', Parameters: { 'ids.$': '$.items[*].id' } }), input: { items: [{ id: 'a' }, { id: 'b' }] }, expect: { status: 'SUCCEEDED', output: { ids: ['a', 'b'] } } },
  { id: 'wildcard-over-empty-array', source: 'assumed (issue 14, recorded AWS behaviour): a wildcard over an empty array is []', definition: one({ Type: 'Pass', Parameters: { 'ids.$': '$.items[*].id' } }), input: { items: [] }, expect: { status: 'SUCCEEDED', output: { ids: [] } } },
  { id: 'wildcard-over-missing', source: 'assumed (issue 14, recorded AWS behaviour): a wildcard over a missing path is []', definition: one({ Type: 'Pass', Parameters: { 'ids.$': '$.missing[*]' } }), input: {}, expect: { status: 'SUCCEEDED', output: { ids: [] } } },
  { id: 'filter-expression', source: `${PATHS}: filter expressions ?() select matching elements`, definition: one({ Type: 'Pass', Parameters: { 'cheap.$': '$.items[?(@.price < 10)].name' } }), input: { items: [{ name: 'a', price: 5 }, { name: 'b', price: 50 }, { name: 'c', price: 1 }] }, expect: { status: 'SUCCEEDED', output: { cheap: ['a', 'c'] } } },
  { id: 'path-to-null-value', source: `${PATHS}: a path to a null field selects null (the path exists)`, definition: one({ Type: 'Pass', Parameters: { 'v.$': '$.a' } }), input: { a: null }, expect: { status: 'SUCCEEDED', output: { v: null } } },
  {
    id: 'parameters-missing-path-runtime', source: 'DG "Handling errors": States.Runtime; cause as recorded ("The JSONPath … specified for the field … could not be found in the input …")', definition: one({ Type: 'Pass', Parameters: { 'value.$': '$.no_such_jsonpath' } }, 'pass'), input: { flagged: false },
    expect: { status: 'FAILED', error: 'States.Runtime', cause: `${runtimePrefix('pass')}The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{"flagged":false}'` },
  },
  {
    id: 'parameters-missing-context-path-runtime', source: 'DG "Handling errors": States.Runtime for a $$ path that matches nothing (recorded)', definition: one({ Type: 'Pass', Parameters: { 'value.$': '$$.Execution.Input.no_such_jsonpath' } }, 'pass'), input: {},
    expect: { status: 'FAILED', error: 'States.Runtime', causeMatches: `^${lit(`${runtimePrefix('pass')}The JSONPath '$$.Execution.Input.no_such_jsonpath' specified for the field 'value.$' could not be found in the input`)}` },
  },
];
