import { DescribeExecutionCommand, type DescribeExecutionCommandOutput, type SFNClient, type SFNServiceException } from '@aws-sdk/client-sfn';

/** The SDK's exception for a refused call: its name (the error code), HTTP status and message. */
export async function refusal(call: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await call;
  } catch (err) {
    const e = err as SFNServiceException;
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
  throw new Error('the call succeeded; a refusal was expected');
}

/** DescribeExecution, polled every 25 ms until the execution is no longer RUNNING (at most `tries` times). */
export async function describeWhenEnded(sfn: SFNClient, executionArn: string, tries = 400): Promise<DescribeExecutionCommandOutput> {
  for (let i = 0; i < tries; i++) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') return described;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${executionArn} still RUNNING after ${tries} DescribeExecution calls`);
}
