import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LambdaHost, type LambdaHostOptions } from '../../local/lambda-host';
import type { FunctionModel } from '../../local/stack-model';

/**
 * LambdaHosts over one folder of handlers (`index.js`, written once for the test file), closed after each test: `fn`
 * describes a function of that folder (handler `index.<handler>`, 128 MB, arm64, on this Node's runtime), `host`
 * starts a host of functions with no AWS environment.
 */
export function useLambdaHosts(handlersSource: string): {
  fn(name: string, extra?: Partial<FunctionModel> & { readonly handler?: string }): FunctionModel;
  host(functions: FunctionModel[], options?: Omit<LambdaHostOptions, 'awsEnvironment'>): LambdaHost;
} {
  let dir = '';
  const hosts: LambdaHost[] = [];
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-host-'));
    fs.writeFileSync(path.join(dir, 'index.js'), handlersSource);
  });
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((h) => h.close()));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return {
    fn: (name, { handler = 'handler', ...extra } = {}) => ({
      address: `aws_lambda_function.${name}`,
      name,
      arn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
      roleArn: 'arn:aws:iam::000000000000:role/r',
      bundleDir: dir,
      handler: `index.${handler}`,
      runtime: `nodejs${process.versions.node.split('.')[0]}.x`,
      timeoutSeconds: 10,
      memorySize: 128,
      architecture: 'arm64',
      environment: {},
      ...extra,
    }),
    host: (functions, options = {}) => {
      const h = new LambdaHost(functions, { awsEnvironment: () => ({}), ...options });
      hosts.push(h);
      return h;
    },
  };
}
