import type { Dynamic } from '../json-path';
import type { PayloadValue } from '../payload';
import type { Task } from '../states/task';
import { integrationTask, type IntegrationOptions } from './integration';
import { integrationResource } from './resource';

export interface TopicRef {
  readonly topicArn: string;
}

export interface PublishProps extends IntegrationOptions {
  readonly topic: TopicRef;
  /** The message: a string, a path, or an object (sent as its JSON text). */
  readonly message: PayloadValue;
  /** The e-mail subject line (≤ 100 characters). @default none */
  readonly subject?: string | Dynamic;
}

export const SNS_TRANSIENT_ERRORS = ['SNS.ThrottledException', 'SNS.InternalErrorException', 'SNS.KMSThrottlingException'];

export const Sns = {
  /** `arn:<partition>:states:::sns:publish`. */
  publish(name: string, props: PublishProps): Task {
    const { topic, message, subject, ...options } = props;
    if (typeof subject === 'string' && subject.length > 100) {
      throw new Error(`State '${name}': the SNS subject has ${subject.length} characters; the limit is 100.`);
    }
    return integrationTask(name, options, {
      resource: integrationResource('sns', 'publish'),
      parameters: { TopicArn: topic.topicArn, Message: message, ...(subject !== undefined && { Subject: subject }) },
      policyStatements: [{ actions: ['sns:Publish'], resources: [topic.topicArn] }],
      transientRetry: { errors: SNS_TRANSIENT_ERRORS, intervalSeconds: 1, maxAttempts: 3, backoffRate: 2, jitterStrategy: 'FULL' },
    });
  },
};
