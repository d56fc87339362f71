/**
 * AWS partitions: the separate AWS clouds, each with its own ARN prefix (`arn:<partition>:…`). A Region's
 * partition follows from its code, so it is known while a definition is built, without asking AWS. The Region
 * codes of each partition are those of the AWS SDK's partition table (`regionRegex` of each partition in
 * @aws-sdk/core's util-endpoints partitions.json); every other Region is in `aws`. See
 * https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html.
 */
export const OTHER_PARTITIONS = [
  { partition: 'aws-cn', regionPrefix: 'cn-', name: 'China (aws-cn)' },
  { partition: 'aws-us-gov', regionPrefix: 'us-gov-', name: 'AWS GovCloud (US) (aws-us-gov)' },
  { partition: 'aws-iso', regionPrefix: 'us-iso-', name: 'an isolated (aws-iso) partition' },
  { partition: 'aws-iso-b', regionPrefix: 'us-isob-', name: 'an isolated (aws-iso-b) partition' },
  { partition: 'aws-iso-e', regionPrefix: 'eu-isoe-', name: 'an isolated (aws-iso-e) partition' },
  { partition: 'aws-iso-f', regionPrefix: 'us-isof-', name: 'an isolated (aws-iso-f) partition' },
  { partition: 'aws-eusc', regionPrefix: 'eusc-', name: 'the AWS European Sovereign Cloud (aws-eusc)' },
] as const;

/** The partition of every Region the table above does not name: the commercial one. */
export const COMMERCIAL_PARTITION = 'aws';

/** The partition a Region code belongs to: `us-east-1` → `aws`, `cn-north-1` → `aws-cn`, `us-gov-west-1` → `aws-us-gov`. */
export function partitionOf(region: string): string {
  return OTHER_PARTITIONS.find((p) => region.startsWith(p.regionPrefix))?.partition ?? COMMERCIAL_PARTITION;
}

/**
 * An ARN whose partition is known only once the state machine's Region is: a Task's or a Distributed Map
 * reader's or writer's `Resource`. The definition renders it for the Region it is built for.
 */
export interface PartitionedArn {
  arnIn(partition: string): string;
}
