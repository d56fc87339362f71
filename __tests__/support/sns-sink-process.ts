import { SnsEmulator } from '../../local/emulators/sns';

// A process that only runs the SNS sink on a data folder (for the kill test): `<dir> <topic ARN>`; prints its
// endpoint as one JSON line, then serves until it is killed.

const [dir, topicArn] = process.argv.slice(2);
void SnsEmulator.start([{ address: 'aws_sns_topic.t', name: topicArn.split(':').pop()!, arn: topicArn }], dir).then((sns) => console.log(JSON.stringify({ endpoint: sns.endpoint })));
