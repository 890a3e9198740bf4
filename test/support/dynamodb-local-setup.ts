/**
 * globalSetup of `npm run test:dynamodb-local`: one DynamoDB Local for the whole run. Test files
 * inherit its endpoint as TEST_STORE_ENDPOINT; each makes its own table there, as with dynalite.
 */
import { startDynamoDbLocal } from './dynamodb-local.ts';

export default async function setup(): Promise<() => Promise<void>> {
  const store = await startDynamoDbLocal();
  process.env.TEST_STORE_ENDPOINT = store.endpoint;
  console.log(`DynamoDB Local ${store.version} at ${store.endpoint}`);
  return () => store.close();
}
