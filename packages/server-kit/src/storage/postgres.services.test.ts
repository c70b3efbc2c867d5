import { afterAll } from 'vitest';
import { createTestDatabase } from '../../test/postgres-database';
import { describeStorageConformance } from '../../test/storage-conformance';
import { postgresStorage } from './postgres';

const databases: { drop(): Promise<void> }[] = [];
afterAll(async () => {
  for (const database of databases) await database.drop();
});

describeStorageConformance('PostgreSQL', async () => {
  const database = await createTestDatabase('conformance');
  databases.push(database);
  return postgresStorage({ connectionString: database.url, schema: 'chat' });
});
