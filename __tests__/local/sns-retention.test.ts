import { PublishCommand } from '@aws-sdk/client-sns';
import { KEPT_MESSAGE_BYTES } from '../../local/emulators/sns';
import { useSnsSink } from '../support/sns-sink';

// The SNS sink keeps the newest messages in memory, bounded by count (KEPT_MESSAGES) and by size (KEPT_MESSAGE_BYTES),
// so that a long --serve stays flat whatever the messages weigh; the oldest leave first.

const TOPIC = 'arn:aws:sns:us-east-1:000000000000:alerts';
const { sink, client } = useSnsSink(TOPIC);

test('past KEPT_MESSAGE_BYTES the oldest messages leave memory; the newest stay, in order, and the dropped are counted', async () => {
  // GIVEN messages of 200,000 bytes each, more of them than the size bound holds
  const count = Math.ceil(KEPT_MESSAGE_BYTES / 200_000) + 3;
  // WHEN each is published
  for (let i = 0; i < count; i++) await client().send(new PublishCommand({ TopicArn: TOPIC, Message: `${String(i).padStart(4, '0')}${'x'.repeat(199_996)}` }));
  // THEN fewer are kept, their text within the bound, and they are the newest, oldest first
  const kept = sink().snapshot();
  expect(kept.length).toBeLessThan(count);
  expect(kept.reduce((sum, m) => sum + m.message.length, 0)).toBeLessThanOrEqual(KEPT_MESSAGE_BYTES);
  expect(kept.map((m) => Number(m.message.slice(0, 4)))).toStrictEqual(Array.from({ length: kept.length }, (_, i) => count - kept.length + i));
  expect(sink().dropped).toBe(count - kept.length);
});
