import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeUploadConformance } from '../../test/upload-conformance';
import { diskUploads } from './disk-uploads';

const store = diskUploads({ dir: mkdtempSync(join(tmpdir(), 'banter-uploads-')) });
describeUploadConformance('diskUploads', () => ({ store }));
