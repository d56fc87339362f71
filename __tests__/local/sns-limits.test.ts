import { PublishCommand } from '@aws-sdk/client-sns';
import { SNS_MAX_MESSAGE_BYTES } from '../../local/emulators/sns';
import { useSnsSink } from '../support/sns-sink';

// SNS's 256 KB message quota (262,144 bytes for the message and its attributes together): over it, Publish is
// 400 InvalidParameter "Invalid parameter: Message too long", InvalidParameterException in the SDK.

const TOPIC = 'arn:aws:sns:us-east-1:000000000000:alerts';
const { client } = useSnsSink(TOPIC);

const publish = (Message: string, attribute?: string) =>
  client().send(new PublishCommand({ TopicArn: TOPIC, Message, ...(attribute !== undefined && { MessageAttributes: { a: { DataType: 'String', StringValue: attribute } } }) }));

test('a message of exactly 262,144 bytes is published; one byte more is refused as AWS refuses it', async () => {
  await expect(publish('x'.repeat(SNS_MAX_MESSAGE_BYTES))).resolves.toMatchObject({ MessageId: expect.any(String) });
  await expect(publish('x'.repeat(SNS_MAX_MESSAGE_BYTES + 1))).rejects.toMatchObject({
    name: 'InvalidParameterException',
    message: 'Invalid parameter: Message too long',
    $metadata: { httpStatusCode: 400 },
  });
});

test('the quota counts UTF-8 bytes and the attributes too', async () => {
  // 'é' is two bytes: half the quota's count in characters is already over it by one.
  await expect(publish('é'.repeat(SNS_MAX_MESSAGE_BYTES / 2) + 'x')).rejects.toMatchObject({ name: 'InvalidParameterException' });
  // name 'a' (1) + 'String' (6) + value (10): a message 16 bytes under the quota no longer fits.
  await expect(publish('x'.repeat(SNS_MAX_MESSAGE_BYTES - 16), '0123456789')).rejects.toMatchObject({ name: 'InvalidParameterException' });
  await expect(publish('x'.repeat(SNS_MAX_MESSAGE_BYTES - 17), '0123456789')).resolves.toMatchObject({ MessageId: expect.any(String) });
});
