import { describeStorageConformance } from '../../test/storage-conformance';
import { pgliteStorage } from './pglite';

describeStorageConformance('PGlite (in memory)', () => pgliteStorage());
