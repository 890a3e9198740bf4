import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceInUseException, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '../../lib/table.ts';

/**
 * Creates the table from the one shared definition when it is missing, and waits until it is active.
 * Another process creating the same table at the same moment is not an error: the table exists.
 */
export async function ensureTable(endpoint: string, tableName: string, region: string): Promise<'created' | 'exists'> {
  const client = new DynamoDBClient({ endpoint, region });
  try {
    let outcome: 'created' | 'exists' = 'exists';
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (Table?.TableStatus === 'ACTIVE') return 'exists';
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      try {
        await client.send(new CreateTableCommand(createTableInput(tableName)));
        outcome = 'created';
      } catch (createError) {
        if (!(createError instanceof ResourceInUseException)) throw createError;
      }
    }
    for (let i = 0; i < 600; i++) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (Table?.TableStatus === 'ACTIVE') return outcome;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`Table ${tableName} at ${endpoint} did not become active within 30 s`);
  } finally {
    client.destroy();
  }
}
