/**
 * A Task's Resource, read the way history reports it (Developer Guide, "Discover service integration patterns";
 * GetExecutionHistory's TaskScheduledEventDetails: `resourceType` is the service, `resource` the action with its
 * pattern suffix, e.g. `lambda` / `invoke.waitForTaskToken`, `aws-sdk:dynamodb` / `getItem`). A Lambda function ARN
 * as the Resource is the older form, recorded as LambdaFunction* events.
 */
import type { IntegrationPattern } from './types';

export interface ResourceInfo {
  readonly arn: string;
  readonly pattern: IntegrationPattern;
  readonly resourceType: string;
  readonly resource: string;
  /** `arn:aws:lambda:…:function:…` as the Resource: history has LambdaFunctionScheduled… instead of Task… events. */
  readonly lambdaFunction: boolean;
}

const SUFFIXES: readonly [string, IntegrationPattern][] = [
  ['.sync:2', 'sync:2'],
  ['.sync', 'sync'],
  ['.waitForTaskToken', 'waitForTaskToken'],
];

export function readResource(arn: string): ResourceInfo {
  if (/^arn:[^:]+:lambda:[^:]*:[^:]*:function:/.test(arn)) {
    return { arn, pattern: 'request-response', resourceType: 'lambda', resource: arn, lambdaFunction: true };
  }
  const activity = /^arn:[^:]+:states:[^:]*:[^:]*:activity:/.test(arn);
  if (activity) return { arn, pattern: 'request-response', resourceType: 'activity', resource: arn, lambdaFunction: false };
  let rest = arn.replace(/^arn:[^:]+:states:[^:]*:[^:]*:/, '');
  let pattern: IntegrationPattern = 'request-response';
  let suffix = '';
  for (const [ending, name] of SUFFIXES) {
    if (rest.endsWith(ending)) {
      pattern = name;
      suffix = ending;
      rest = rest.slice(0, -ending.length);
      break;
    }
  }
  const cut = rest.lastIndexOf(':');
  const resourceType = cut > 0 ? rest.slice(0, cut) : rest;
  const action = cut > 0 ? rest.slice(cut + 1) : '';
  return { arn, pattern, resourceType, resource: `${action}${suffix}`, lambdaFunction: false };
}
