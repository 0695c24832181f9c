import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

/**
 * The key layout as the store's `CreateTable` input states it (key schema, attribute
 * definitions, GSIs), so the table the stack deploys is the table `ensureTable()` creates.
 */
export interface TableKeyLayout {
  readonly KeySchema: readonly { AttributeName: string; KeyType: string }[];
  readonly AttributeDefinitions: readonly { AttributeName: string; AttributeType: string }[];
  readonly GlobalSecondaryIndexes?: readonly {
    IndexName: string;
    KeySchema: readonly { AttributeName: string; KeyType: string }[];
    Projection?: { ProjectionType?: string; NonKeyAttributes?: readonly string[] };
  }[];
}

function attribute(layout: TableKeyLayout, name: string): dynamodb.Attribute {
  const def = layout.AttributeDefinitions.find((a) => a.AttributeName === name);
  if (!def) throw new Error(`table layout: key attribute ${name} has no attribute definition`);
  const types: Record<string, dynamodb.AttributeType> = { S: dynamodb.AttributeType.STRING, N: dynamodb.AttributeType.NUMBER, B: dynamodb.AttributeType.BINARY };
  const type = types[def.AttributeType];
  if (!type) throw new Error(`table layout: attribute ${name} has unknown type ${def.AttributeType}`);
  return { name, type };
}

function keys(layout: TableKeyLayout, schema: TableKeyLayout['KeySchema']) {
  const hash = schema.find((k) => k.KeyType === 'HASH');
  if (!hash) throw new Error('table layout: a key schema has no HASH key');
  const range = schema.find((k) => k.KeyType === 'RANGE');
  return { partitionKey: attribute(layout, hash.AttributeName), sortKey: range ? attribute(layout, range.AttributeName) : undefined };
}

const PROJECTION: Record<string, dynamodb.ProjectionType> = {
  ALL: dynamodb.ProjectionType.ALL,
  KEYS_ONLY: dynamodb.ProjectionType.KEYS_ONLY,
  INCLUDE: dynamodb.ProjectionType.INCLUDE,
};

function projection(type: string): dynamodb.ProjectionType {
  const p = PROJECTION[type];
  if (!p) throw new Error(`table layout: unknown projection type ${type}`);
  return p;
}

/** CDK table props from the store's layout. */
export function tableKeyProps(layout: TableKeyLayout) {
  const main = keys(layout, layout.KeySchema);
  const globalSecondaryIndexes: dynamodb.GlobalSecondaryIndexProps[] = (layout.GlobalSecondaryIndexes ?? []).map((gsi) => ({
    indexName: gsi.IndexName,
    ...keys(layout, gsi.KeySchema),
    projectionType: projection(gsi.Projection?.ProjectionType ?? 'ALL'),
    nonKeyAttributes: gsi.Projection?.NonKeyAttributes ? [...gsi.Projection.NonKeyAttributes] : undefined,
  }));
  return { ...main, globalSecondaryIndexes };
}

export interface ArticlesTableProps {
  layout: TableKeyLayout;
}

/**
 * Articles, feed entries and crawl state (one table). On-demand, with point-in-time recovery, and
 * kept when the stack is deleted: the archive of ward news is the one thing that cannot be redone.
 */
export class ArticlesTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: ArticlesTableProps) {
    super(scope, id);
    const { partitionKey, sortKey, globalSecondaryIndexes } = tableKeyProps(props.layout);
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey,
      sortKey,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const gsi of globalSecondaryIndexes) this.table.addGlobalSecondaryIndex(gsi);
  }
}
