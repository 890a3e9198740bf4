import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { StatefulStack } from '../../lib/stateful-stack.ts';
import { createTableInput, TABLE_DEFINITION } from '../../lib/table.ts';
import { resourcesOf, type Resource } from './fixture.ts';

let table: Resource;

beforeAll(() => {
  const template = Template.fromStack(new StatefulStack(new App(), 'stateful'));
  const tables = resourcesOf(template, 'AWS::DynamoDB::Table');
  expect(tables).toHaveLength(1);
  table = tables[0]![1];
});

const sortByName = <T extends { AttributeName: string }>(xs: T[]) => [...xs].sort((a, b) => a.AttributeName.localeCompare(b.AttributeName));

describe('the stateful stack', () => {
  it('keys the table by the partition and sort key of TABLE_DEFINITION', () => {
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: TABLE_DEFINITION.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: TABLE_DEFINITION.sortKey.name, KeyType: 'RANGE' },
    ]);
  });

  it('declares every GSI of TABLE_DEFINITION with its keys and ALL projection, and no other', () => {
    const expected = TABLE_DEFINITION.globalSecondaryIndexes.map((i) => ({
      IndexName: i.indexName,
      KeySchema: [
        { AttributeName: i.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: i.sortKey.name, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    }));
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(expected);
    expect(table.Properties.LocalSecondaryIndexes).toBeUndefined();
  });

  it('matches the table the local bootstrap creates (attributes, keys, indexes)', () => {
    const local = createTableInput('local');
    expect(sortByName(table.Properties.AttributeDefinitions)).toEqual(sortByName(local.AttributeDefinitions));
    expect(table.Properties.KeySchema).toEqual(local.KeySchema);
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
    expect(table.Properties.BillingMode).toBe(local.BillingMode);
  });

  it('expires items by the TTL attribute of TABLE_DEFINITION', () => {
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: TABLE_DEFINITION.timeToLiveAttribute, Enabled: true });
  });

  it('bills on demand, recovers to a point in time and refuses deletion', () => {
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.ProvisionedThroughput).toBeUndefined();
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
  });

  it('is retained when the stack is deleted or the table replaced', () => {
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  it('is encrypted with the AWS-managed key', () => {
    expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true });
  });
});
