import { LocalSetupError, startLocalStack } from '../../local';
import { engineFloor, nodeRuntimeProblem, projectNode, runtimeNodeMajor, type NodeBinary } from '../../local/node-runtime';
import type { FunctionModel } from '../../local/stack-model';
import { removeFixture, singleState, writeFixtureStack } from '../support/local';

// Local functions run in worker threads of the runner's process, on its Node; Lambda runs nodejs22.x on Node 22.
// The runner refuses functions whose runtime names another major than the Node it runs on, and a Node older than
// package.json's engines (its Step Functions interpreter needs Node 22).

const hostMajor = Number(process.versions.node.split('.')[0]);
const fn = (name: string, runtime: string) => ({ name, runtime }) as FunctionModel;
const systemNode20 = { version: '20.20.2', path: '/usr/bin/node' };
const project22 = { version: '22.23.3', path: '/repo/node_modules/node/bin/node' };

describe('runtimeNodeMajor', () => {
  test.each([
    ['nodejs22.x', 22],
    ['nodejs24.x', 24],
    ['nodejs8.10', 8],
    ['nodejs', undefined],
    ['python3.12', undefined],
    ['nodejs22', undefined],
  ])('%s → %s', (runtime, major) => {
    expect(runtimeNodeMajor(runtime)).toBe(major);
  });
});

describe('engineFloor', () => {
  test.each([
    ['>=22.11', [22, 11, 0]],
    ['>= 22', [22, 0, 0]],
    ['>=22.11.1', [22, 11, 1]],
    ['^22', undefined],
  ])('%s → %j', (range, floor) => {
    expect(engineFloor(range)).toStrictEqual(floor);
  });
});

describe('nodeRuntimeProblem', () => {
  const check = (functions: FunctionModel[], host: NodeBinary) => nodeRuntimeProblem({ functions, host, project: project22, engines: '>=22.11' });

  test('nothing to say when the Node meets engines and every function runs on its major', () => {
    expect(check([fn('a', 'nodejs22.x'), fn('b', 'nodejs22.x')], project22)).toBeUndefined();
    expect(check([], project22)).toBeUndefined();
  });

  test('a stack without functions on the system Node 20: the runner itself needs engines (its interpreter calls Promise.withResolvers)', () => {
    expect(check([], systemNode20)).toBe(
      'The local runner needs Node >=22.11 (package.json engines), but runs on Node 20.20.2 (/usr/bin/node). ' +
        "Run it through the npm scripts (`npm start`, `npm run local -- …`, `npm test`): they run on the project's Node 22.23.3 (node_modules/.bin/node), not on the `node` of your PATH.",
    );
    expect(check([], { version: '22.10.0', path: '/opt/node22/bin/node' })).toMatch(/^The local runner needs Node >=22\.11 \(package\.json engines\), but runs on Node 22\.10\.0 /);
  });

  test('functions on nodejs22.x, on the system Node 20: names the functions and both Nodes, and says to run through the npm scripts', () => {
    const noEngines = nodeRuntimeProblem({ functions: [fn('a', 'nodejs22.x'), fn('b', 'nodejs22.x')], host: systemNode20, project: project22, engines: undefined });
    expect(noEngines).toBe(
      "Functions a, b run on Lambda's nodejs22.x, but the local runner runs on Node 20.20.2 (/usr/bin/node), and local functions run on the Node major of their runtime, as on Lambda. " +
        "Run it through the npm scripts (`npm start`, `npm run local -- …`, `npm test`): they run on the project's Node 22.23.3 (node_modules/.bin/node), not on the `node` of your PATH.",
    );
  });

  test('without the project Node installed: install it with npm ci', () => {
    expect(nodeRuntimeProblem({ functions: [fn('a', 'nodejs22.x')], host: systemNode20, project: undefined, engines: '>=22.11' })).toMatch(/^The local runner needs Node >=22\.11 .* Install the project's Node with `npm ci`, then run the runner through the npm scripts/);
  });

  test("a runtime the project's Node is not (nodejs24.x): make the two the same major", () => {
    expect(check([fn('a', 'nodejs22.x'), fn('new', 'nodejs24.x')], project22)).toMatch(
      /^Function new runs on Lambda's nodejs24\.x, but the local runner runs on Node 22\.23\.3 .* The project's Node \(the `node` dev dependency, 22\.23\.3\) is not Node 24 either: make package\.json's devDependencies\.node and the functions' runtime the same major\.$/,
    );
  });

  test('a runtime without a major', () => {
    expect(check([fn('old', 'nodejs')], project22)).toMatch(/nodejs names no Node major: give the function a runtime such as nodejs22\.x\.$/);
  });
});

describe("the project's Node", () => {
  test('is installed (the `node` dev dependency) and is the Node these tests run on, as the npm scripts run them', () => {
    const node = projectNode();
    expect(node?.version).toBe(process.versions.node);
  });
});

describe('LocalStack.start', () => {
  const stackWith = (runtime: string) =>
    writeFixtureStack({
      functions: [{ name: 'echo', code: 'exports.handler = async (event) => ({ node: process.versions.node, event });', runtime }],
      stateMachines: { invoke: singleState({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: '${aws_lambda_function.echo.arn}', 'Payload.$': '$' } }) },
    });

  test("refuses a function whose runtime is not this Node's major, before anything starts", async () => {
    const dir = stackWith(`nodejs${hostMajor + 2}.x`);
    try {
      const outcome = await startLocalStack(dir).then(
        async (stack) => (await stack.close(), 'started'),
        (err: unknown) => err,
      );
      expect(outcome).toBeInstanceOf(LocalSetupError);
      expect((outcome as Error).message).toMatch(new RegExp(`^Function echo runs on Lambda's nodejs${hostMajor + 2}\\.x, but the local runner runs on Node ${process.versions.node.replace(/\./g, '\\.')} `));
    } finally {
      removeFixture(dir);
    }
  });

  test("runs a function whose runtime is this Node's major, on this Node", async () => {
    const dir = stackWith(`nodejs${hostMajor}.x`);
    const stack = await startLocalStack(dir);
    try {
      const result = await stack.invoke('echo', { hello: 1 });
      expect(result.payload).toStrictEqual({ node: process.versions.node, event: { hello: 1 } });
    } finally {
      await stack.close();
      removeFixture(dir);
    }
  });
});
