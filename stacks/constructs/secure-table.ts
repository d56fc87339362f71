import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { Construct } from 'constructs';
import type { TableRef } from '../../definitions/integrations/dynamodb';
import type { DynamoDbItemAction } from './iam-actions';
import type { Grantee } from './service-role';

export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N' | 'B';
}

export type BillingMode = 'PAY_PER_REQUEST' | 'PROVISIONED';

export interface SecureTableProps {
  /** The deployed table name (already prefixed). */
  readonly tableName: string;
  readonly partitionKey: KeyAttribute;
  /** @default no sort key */
  readonly sortKey?: KeyAttribute;
  readonly billingMode: BillingMode;
  /** Read/write capacity with PROVISIONED billing. @default 5 each */
  readonly provisionedCapacity?: { readonly read: number; readonly write: number };
}

/** A DynamoDB table with the project's defaults: encryption at rest, point-in-time recovery, the given billing. */
export class SecureTable extends Construct implements TableRef {
  readonly table: DynamodbTable;
  readonly tableName: string;
  readonly tableArn: string;

  constructor(scope: Construct, id: string, props: SecureTableProps) {
    super(scope, id);
    const keys = [props.partitionKey, ...(props.sortKey ? [props.sortKey] : [])];
    const provisioned = props.billingMode === 'PROVISIONED';
    this.table = new DynamodbTable(this, 'table', {
      name: props.tableName,
      billingMode: props.billingMode,
      hashKey: props.partitionKey.name,
      ...(props.sortKey && { rangeKey: props.sortKey.name }),
      attribute: keys.map((k) => ({ name: k.name, type: k.type })),
      ...(provisioned && {
        readCapacity: props.provisionedCapacity?.read ?? 5,
        writeCapacity: props.provisionedCapacity?.write ?? 5,
      }),
      serverSideEncryption: { enabled: true },
      pointInTimeRecovery: { enabled: true },
    });
    this.tableName = this.table.name;
    this.tableArn = this.table.arn;
  }

  /** Lets `grantee` do these item actions (one statement, on this table only): e.g. `table.grant(fn, 'dynamodb:GetItem')`. */
  grant(grantee: Grantee, ...actions: [DynamoDbItemAction, ...DynamoDbItemAction[]]): void {
    grantee.addToPolicy({ actions, resources: [this.tableArn] });
  }
}
