import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MockConfigError, parseMockConfig, readMockConfigFile, findTestCase, type MockConfigErrorCode } from '../../../../local/engine/mocks';
import { ORDER_PIPELINE_MOCKS, ORDER_PIPELINE_MOCKS_TEXT } from './fixtures';

// Sources (AWS Step Functions Developer Guide):
//   [CFG]  "Configuration file for mocked service integrations" — Mock configuration file structure; Mock
//          configuration field reference: StateMachines, TestCases, MockedResponses, Return, Throw.
//   [USE]  "Using mocked service integrations for testing in Step Functions Local" — Step 1 (the example file, its
//          RetryPath and HybridPath, the note on retries), Step 2 (SFN_MOCK_CONFIG names the file).

/** The problems of a configuration that must be refused, as [code, path]. */
function problemsOf(input: unknown): Array<[MockConfigErrorCode, string]> {
  try {
    parseMockConfig(input);
  } catch (e) {
    expect(e).toBeInstanceOf(MockConfigError);
    return (e as MockConfigError).problems.map((p) => [p.code, p.path]);
  }
  throw new Error('the configuration was accepted');
}

/** A configuration with one state machine whose one test case mocks `State` with `Resp` = `entries`. */
const withResponse = (entries: unknown) => ({
  StateMachines: { M: { TestCases: { T: { State: 'Resp' } } } },
  MockedResponses: { Resp: entries },
});

describe('reading a valid mock configuration', () => {
  test('[CFG] Mock configuration file structure: the JSON text gives state machines → test cases → state → mocked response', () => {
    const config = parseMockConfig(ORDER_PIPELINE_MOCKS_TEXT);
    expect([...config.stateMachines.keys()]).toEqual(['OrderPipeline']);
    expect([...config.stateMachines.get('OrderPipeline')!.keys()]).toEqual(['AllGood', 'FlakyCharge', 'ChargeOnly']);
    expect(Object.fromEntries(findTestCase(config, 'OrderPipeline', 'FlakyCharge'))).toEqual({
      ChargeCard: 'ChargeFlaky',
      NotifyShipping: 'PublishAccepted',
    });
  });

  test('[CFG] MockedResponses: single keys and an inclusive range ("1-2") become invocation ranges in order', () => {
    const config = parseMockConfig(ORDER_PIPELINE_MOCKS);
    expect(config.mockedResponses.get('ChargeFlaky')!.map(({ first, last, key }) => ({ first, last, key }))).toEqual([
      { first: 0, last: 0, key: '0' },
      { first: 1, last: 2, key: '1-2' },
      { first: 3, last: 3, key: '3' },
    ]);
  });

  test('[CFG] Return and Throw: the Return value is kept whole; Throw keeps Error and Cause', () => {
    const config = parseMockConfig(ORDER_PIPELINE_MOCKS);
    expect(config.mockedResponses.get('ChargeApproved')![0].outcome).toEqual({
      kind: 'return',
      value: { StatusCode: 200, Payload: { approved: true, chargeId: 'ch-1001' } },
    });
    expect(config.mockedResponses.get('ChargeDeclined')![0].outcome).toEqual({
      kind: 'throw',
      error: 'CardDeclined',
      cause: 'The issuer refused the charge.',
    });
  });

  test('[CFG] the object form and the text form read the same', () => {
    expect(parseMockConfig(ORDER_PIPELINE_MOCKS)).toEqual(parseMockConfig(ORDER_PIPELINE_MOCKS_TEXT));
  });

  test('[CFG] keys may be written out of order; entries come back sorted by invocation', () => {
    const config = parseMockConfig(withResponse({ '3-4': { Return: 'c' }, '0': { Return: 'a' }, '1-2': { Return: 'b' } }));
    expect(config.mockedResponses.get('Resp')!.map((e) => e.key)).toEqual(['0', '1-2', '3-4']);
  });

  // [CFG] Return "specifies the successful result": the guide's examples are objects; any JSON value is taken as
  // written (assumed, as Step Functions Local does per LocalStack's compatibility notes: it is the service's answer).
  test.each([
    ['a string', 'done'],
    ['a number', 42],
    ['null', null],
    ['an array', [1, 'two']],
    ['a boolean', false],
  ])('[CFG] Return may be %s', (_kind, value) => {
    const config = parseMockConfig(withResponse({ '0': { Return: value } }));
    expect(config.mockedResponses.get('Resp')![0].outcome).toEqual({ kind: 'return', value });
  });

  test('[CFG] a range may be a single invocation ("2-2"), and an integer key with leading zeros is read as decimal', () => {
    const config = parseMockConfig(withResponse({ '00': { Return: 1 }, '1': { Return: 2 }, '2-2': { Return: 3 } }));
    expect(config.mockedResponses.get('Resp')!.map(({ first, last }) => [first, last])).toEqual([[0, 0], [1, 1], [2, 2]]);
  });

  test('[CFG] a mocked response no test case uses, an empty test case and an empty state machine list are fine', () => {
    expect(() =>
      parseMockConfig({ StateMachines: { M: { TestCases: { Nothing: {} } } }, MockedResponses: { Unused: { '0': { Return: {} } } } }),
    ).not.toThrow();
    expect(() => parseMockConfig({ StateMachines: {}, MockedResponses: {} })).not.toThrow();
  });

  // Assumed: an empty mocked response loads (generated files produce them; Step Functions Local 2.0 fails only when a
  // state asks it, per Floci's reproduction) — its first invocation fails, as running out does (see mocked-handlers).
  test('[CFG] a mocked response with no entries loads', () => {
    expect(parseMockConfig(withResponse({})).mockedResponses.get('Resp')).toEqual([]);
  });

  test('[CFG] a Return value given as an object is copied: changing the caller\'s object later changes nothing', () => {
    const input = withResponse({ '0': { Return: { n: 1 } } });
    const config = parseMockConfig(input);
    (input.MockedResponses.Resp as { '0': { Return: { n: number } } })['0'].Return.n = 2;
    expect(config.mockedResponses.get('Resp')![0].outcome).toEqual({ kind: 'return', value: { n: 1 } });
  });

  test('[USE] Step 2: a file on disk (the one SFN_MOCK_CONFIG would name) reads as its text does', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mock-config-'));
    const file = path.join(dir, 'MockConfigFile.json');
    fs.writeFileSync(file, ORDER_PIPELINE_MOCKS_TEXT);
    try {
      expect(readMockConfigFile(file)).toEqual(parseMockConfig(ORDER_PIPELINE_MOCKS_TEXT));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('refusing an invalid mock configuration, each problem named with its path in the file', () => {
  test.each<[string, unknown, Array<[MockConfigErrorCode, string]>]>([
    // [CFG] Mock configuration file structure: "a JSON object containing the following top-level fields".
    ['the file is not an object', [1, 2], [['WrongType', '']]],
    ['StateMachines is missing', { MockedResponses: {} }, [['MissingField', 'StateMachines']]],
    ['MockedResponses is missing', { StateMachines: {} }, [['MissingField', 'MockedResponses']]],
    ['StateMachines is an array', { StateMachines: [], MockedResponses: {} }, [['WrongType', 'StateMachines']]],
    ['a top-level field the format does not have', { StateMachines: {}, MockedResponses: {}, Version: 1 }, [['UnknownField', 'Version']]],
    // [CFG] StateMachines: "an object containing a single field named TestCases".
    ['a state machine without TestCases', { StateMachines: { M: {} }, MockedResponses: {} }, [['MissingField', 'StateMachines.M.TestCases']]],
    ['a state machine with another field', { StateMachines: { M: { TestCases: {}, Definition: {} } }, MockedResponses: {} }, [['UnknownField', 'StateMachines.M.Definition']]],
    ['a state machine that is a string', { StateMachines: { M: 'x' }, MockedResponses: {} }, [['WrongType', 'StateMachines.M']]],
    // [CFG] TestCases: "the value of each test case is an object specifying a mocked response" per state.
    ['a test case that is an array', { StateMachines: { M: { TestCases: { T: [] } } }, MockedResponses: {} }, [['WrongType', 'StateMachines.M.TestCases.T']]],
    ['a state mapped to a number', { StateMachines: { M: { TestCases: { T: { S: 3 } } } }, MockedResponses: {} }, [['WrongType', 'StateMachines.M.TestCases.T.S']]],
    ['a state mapped to an undefined mocked response', { StateMachines: { M: { TestCases: { T: { S: 'Nope' } } } }, MockedResponses: {} }, [['UnknownMockedResponse', 'StateMachines.M.TestCases.T.S']]],
  ])('[CFG] %s', (_what, input, expected) => {
    expect(problemsOf(input)).toEqual(expected);
  });

  test.each<[string, unknown, Array<[MockConfigErrorCode, string]>]>([
    // [CFG] MockedResponses: keys are integer strings ("0") or inclusive ranges ("0-1"); invocations count from 0.
    ['a key that is not a number', { x: { Return: 1 } }, [['InvalidInvocationKey', 'MockedResponses.Resp.x']]],
    ['a range with a non-number end', { '0': { Return: 1 }, '1-x': { Return: 1 } }, [['InvalidInvocationKey', 'MockedResponses.Resp."1-x"']]],
    ['a negative key', { '-1': { Return: 1 } }, [['InvalidInvocationKey', 'MockedResponses.Resp."-1"']]],
    ['a range that ends before it starts', { '0': { Return: 1 }, '3-1': { Return: 1 } }, [['InvalidInvocationKey', 'MockedResponses.Resp."3-1"']]],
    ['a fractional key', { '0': { Return: 1 }, '1.5': { Return: 1 } }, [['InvalidInvocationKey', 'MockedResponses.Resp."1.5"']]],
    ['a key with spaces', { ' 0': { Return: 1 } }, [['InvalidInvocationKey', 'MockedResponses.Resp." 0"']]],
    ['a key past the safe integers', { '0': { Return: 1 }, '1-9007199254740993': { Return: 1 } }, [['InvalidInvocationKey', 'MockedResponses.Resp."1-9007199254740993"']]],
    // [CFG] "When you mock a Task, you must specify a mocked response for every invocation"; [USE] Step 1, note:
    // "you must denote mocks for retries with consecutive attempt numbers".
    ['no entry for invocation 0', { '1': { Return: 1 } }, [['InvocationGap', 'MockedResponses.Resp."1"']]],
    ['a gap between entries', { '0': { Return: 1 }, '2-3': { Return: 1 } }, [['InvocationGap', 'MockedResponses.Resp."2-3"']]],
    ['overlapping keys', { '0-2': { Return: 1 }, '2': { Return: 1 } }, [['InvocationOverlap', 'MockedResponses.Resp."2"']]],
    ['the same invocation written two ways', { '0': { Return: 1 }, '0-0': { Return: 1 } }, [['InvocationOverlap', 'MockedResponses.Resp."0-0"']]],
    // [CFG] "A response must contain a single field named Return or Throw".
    ['both Return and Throw', { '0': { Return: 1, Throw: { Error: 'E', Cause: 'C' } } }, [['ReturnAndThrow', 'MockedResponses.Resp."0"']]],
    ['neither Return nor Throw', { '0': {} }, [['NoReturnOrThrow', 'MockedResponses.Resp."0"']]],
    ['a misspelt Return', { '0': { Retrun: 1 } }, [['UnknownField', 'MockedResponses.Resp."0".Retrun'], ['NoReturnOrThrow', 'MockedResponses.Resp."0"']]],
    ['an entry that is not an object', { '0': 'ok' }, [['WrongType', 'MockedResponses.Resp."0"']]],
    ['a mocked response that is an array', [{ Return: 1 }], [['WrongType', 'MockedResponses.Resp']]],
    // [CFG] Throw: "an object containing an Error and Cause fields with string values".
    ['Throw without Cause', { '0': { Throw: { Error: 'E' } } }, [['MissingField', 'MockedResponses.Resp."0".Throw.Cause']]],
    ['Throw without Error', { '0': { Throw: { Cause: 'C' } } }, [['MissingField', 'MockedResponses.Resp."0".Throw.Error']]],
    ['Throw with a non-string Error', { '0': { Throw: { Error: 500, Cause: 'C' } } }, [['WrongType', 'MockedResponses.Resp."0".Throw.Error']]],
    ['Throw as a string', { '0': { Throw: 'Boom' } }, [['WrongType', 'MockedResponses.Resp."0".Throw']]],
    ['Throw with another field', { '0': { Throw: { Error: 'E', Cause: 'C', Code: 1 } } }, [['UnknownField', 'MockedResponses.Resp."0".Throw.Code']]],
  ])('[CFG] MockedResponses: %s', (_what, entries, expected) => {
    expect(problemsOf(withResponse(entries))).toEqual(expected);
  });

  test('[CFG] every problem of a file is listed in one error, the first one in code and path', () => {
    const error = (() => {
      try {
        parseMockConfig({ StateMachines: { M: { TestCases: { T: { S: 'Missing' } } } }, MockedResponses: { R: { x: { Return: 1 }, '0': {} } } });
      } catch (e) {
        return e as MockConfigError;
      }
      throw new Error('accepted');
    })();
    expect(error.name).toBe('MockConfigError');
    // In the order of the parsed object (JavaScript puts integer-like keys first), MockedResponses before StateMachines.
    expect(error.problems.map((p) => p.code)).toEqual(['NoReturnOrThrow', 'InvalidInvocationKey', 'UnknownMockedResponse']);
    expect([error.code, error.path]).toEqual(['NoReturnOrThrow', 'MockedResponses.R."0"']);
    expect(error.message).toMatch(/^Invalid mock configuration: 3 problems:\n {2}- MockedResponses\.R\."0": needs "Return"/);
    expect(error.message).toContain('\n  - MockedResponses.R.x: "x" is not an invocation number');
  });

  test('[CFG] the message says what to do: a bad range key names the accepted forms', () => {
    expect(() => parseMockConfig(withResponse({ '0': { Return: 1 }, '1-x': { Return: 1 } }))).toThrow(
      'Invalid mock configuration: MockedResponses.Resp."1-x": "1-x" is not an invocation number. Use a non-negative integer such as "0" or "3", or an inclusive range such as "1-2" (invocations count from 0).',
    );
  });

  test('[CFG] a gap names the missing invocations and the key to add', () => {
    expect(() => parseMockConfig(withResponse({ '0': { Return: 1 }, '3': { Return: 1 } }))).toThrow(
      'MockedResponses.Resp."3": no response for invocations 1-2 before "3". Invocations are numbered from 0 and every one needs a response: add a "1-2" entry or renumber the keys.',
    );
  });

  test('[CFG] the guide\'s own slip, "MockedResponse" for "MockedResponses", is caught with a suggestion', () => {
    expect(() => parseMockConfig({ StateMachines: {}, MockedResponse: {} })).toThrow(/MockedResponse: unknown field; did you mean "MockedResponses"\?/);
  });

  test('[CFG] an undefined mocked response name lists the defined ones and suggests the near one', () => {
    expect(() =>
      parseMockConfig({ StateMachines: { M: { TestCases: { T: { S: 'ChargeAproved' } } } }, MockedResponses: { ChargeApproved: {}, Other: {} } }),
    ).toThrow('StateMachines.M.TestCases.T.S: names the mocked response "ChargeAproved", which MockedResponses does not define (did you mean "ChargeApproved"?). Defined: "ChargeApproved", "Other".');
  });

  test('[CFG] names with spaces or punctuation are quoted in the path', () => {
    expect(problemsOf({ StateMachines: { 'Order Pipeline': { TestCases: { 'happy-path': { 'Charge card': 1 } } } }, MockedResponses: {} })).toEqual([
      ['WrongType', 'StateMachines."Order Pipeline".TestCases."happy-path"."Charge card"'],
    ]);
  });
});

describe('refusing mock configuration text that is not JSON, or names a thing twice', () => {
  test('[CFG] the file is JSON: a syntax error is InvalidJson with its line and column', () => {
    expect(() => parseMockConfig('{\n  "StateMachines": {},\n  "MockedResponses": {,}\n}', { source: 'MockConfigFile.json' })).toThrow(
      /^Invalid mock configuration: MockConfigFile\.json: line 3, column 23: not valid JSON \(.+\)\. Fix the JSON syntax\.$/,
    );
    expect(problemsOf('')).toEqual([['InvalidJson', '']]);
  });

  // [CFG] TestCases: "The name of each test case must be unique per state machine"; MockedResponses: "multiple mocked
  // response objects with unique field names". JSON.parse would silently keep the last one; the file is refused.
  test('[CFG] a test case name used twice is DuplicateKey with its place', () => {
    const text = '{"StateMachines":{"M":{"TestCases":{\n"T":{"S":"R"},\n"T":{}}}},"MockedResponses":{"R":{}}}';
    expect(problemsOf(text)).toEqual([['DuplicateKey', '']]);
    expect(() => parseMockConfig(text)).toThrow(/line 3, column \d+: "T" appears twice in one object/);
  });

  test('[CFG] an invocation key used twice is DuplicateKey', () => {
    expect(problemsOf('{"StateMachines":{},"MockedResponses":{"R":{"0":{"Return":1},"0":{"Return":2}}}}')).toEqual([['DuplicateKey', '']]);
  });

  test('[USE] Step 2: a file that is not there is UnreadableFile naming the path', () => {
    const missing = path.join(os.tmpdir(), 'no-such-dir-for-mocks', 'MockConfigFile.json');
    expect(() => readMockConfigFile(missing)).toThrow(`Invalid mock configuration: ${missing}: cannot read the file (there is no such file). Check the path.`);
  });
});
