import { SNSClient } from '@aws-sdk/client-sns';
import { LOCAL_CREDENTIALS } from '../../local';
import { SnsEmulator } from '../../local/emulators/sns';

/** The SNS sink with one topic, and a client of it, for a test file: started before its tests, closed after. */
export function useSnsSink(topicArn: string): { sink(): SnsEmulator; client(): SNSClient } {
  let sns: SnsEmulator | undefined;
  let client: SNSClient | undefined;
  beforeAll(async () => {
    const name = topicArn.split(':').pop()!;
    sns = await SnsEmulator.start([{ address: `aws_sns_topic.${name}`, name, arn: topicArn }]);
    client = new SNSClient({ endpoint: sns.endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  });
  afterAll(async () => {
    client?.destroy();
    await sns?.close();
  });
  return { sink: () => sns!, client: () => client! };
}
