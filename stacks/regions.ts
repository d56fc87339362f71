import { OTHER_PARTITIONS } from '../definitions/partition';

/**
 * The AWS Regions the stacks deploy to: every Region of the commercial partition (`aws`), from the Region table
 * of https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html (and its billing-code
 * page), as read on 2026-11-30. When AWS opens a Region after that date, add its code here.
 */
export const AWS_REGIONS = [
  // North America
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'ca-west-1', 'mx-central-1',
  // South America, Africa, Middle East
  'sa-east-1', 'af-south-1', 'il-central-1', 'me-central-1', 'me-south-1',
  // Europe
  'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3',
  // Asia Pacific
  'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
] as const;

export const REGIONS_SOURCE = 'https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html, as of 2026-11-30';

/**
 * Regions of the other partitions (definitions/partition.ts) are refused. The state machines' Resource ARNs follow
 * the partition (definitions/integrations/resource.ts, the fix of aws/aws-cdk#4597's fault), and so do the API's
 * integration URIs; but the stacks turn on what those partitions lack or offer differently, and nothing here has
 * been deployed or checked there: China has no X-Ray for Lambda, which every function turns on; service principals,
 * endpoints and feature sets differ per partition; the local runner and the offline plan model the aws partition
 * only. Lifting the refusal takes those checks, not another ARN.
 */

/** A sentence saying why `region` cannot be used, or undefined when it is a Region the stacks deploy to. */
export function regionProblem(region: string): string | undefined {
  if ((AWS_REGIONS as readonly string[]).includes(region)) return undefined;
  const partition = OTHER_PARTITIONS.find((p) => region.startsWith(p.regionPrefix));
  if (partition) {
    return (
      `'${region}' is in ${partition.name}, which these stacks do not support (they turn on features that partition lacks or offers differently, ` +
      'such as X-Ray tracing for Lambda in China, and were never checked there). Use a Region of the aws partition, e.g. us-east-1'
    );
  }
  return (
    `'${region}' is not an AWS Region: stacks/regions.ts lists the ${AWS_REGIONS.length} of the aws partition (from ${REGIONS_SOURCE}). ` +
    'Check the spelling, e.g. eu-west-1; if AWS has opened this Region since, add its code to AWS_REGIONS there'
  );
}
