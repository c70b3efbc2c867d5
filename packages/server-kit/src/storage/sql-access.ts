import type { SqlExecutor } from './sql-driver';

/** Plain SQL on a storage's own database, and the schema its tables live in. */
export interface SqlAccess {
  /** Runs one statement (several only without parameters) outside any transaction. */
  query: SqlExecutor['query'];
  /** The schema holding Banter's tables (validated). */
  schema: string;
}

// Kept beside the storage rather than on it: the Storage contract stays what a host
// implements, and only the built-in stores (which webhooks need) are registered here.
const registry = new WeakMap<object, SqlAccess>();

/** Called by the built-in stores: features that read their own tables (webhooks) find them here. */
export function registerSqlAccess(storage: object, access: SqlAccess): void {
  registry.set(storage, access);
}

/** The SQL behind a built-in storage, or null for a storage of the host's own. */
export function sqlAccessOf(storage: object): SqlAccess | null {
  return registry.get(storage) ?? null;
}
