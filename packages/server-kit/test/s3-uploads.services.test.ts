import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll } from 'vitest';
import { s3Uploads } from '../src/uploads/s3-uploads';
import type { UploadStore } from '../src/uploads/upload-store';
import { type MotoServer, startMoto } from './moto-server';
import { describeUploadConformance } from './upload-conformance';

// The same conformance suite as the disk store, against a bucket of a local S3 server (moto):
// browsers PUT to presigned URLs and read presigned GETs, the chat server never carries the bytes.
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
let moto: MotoServer | undefined;
let store: UploadStore | undefined;

beforeAll(async () => {
  moto = await startMoto();
  const client = new S3Client({
    region: 'us-east-1',
    endpoint: moto.endpoint,
    forcePathStyle: true,
    credentials,
  });
  await client.send(new CreateBucketCommand({ Bucket: 'banter-test' }));
  client.destroy();
  store = s3Uploads({
    bucket: 'banter-test',
    prefix: 'chat/',
    region: 'us-east-1',
    endpoint: moto.endpoint,
    forcePathStyle: true,
    credentials,
  });
}, 60_000);

afterAll(async () => {
  await moto?.stop();
});

describeUploadConformance('s3Uploads (moto)', () => {
  if (!store) throw new Error('the S3 store is made in beforeAll');
  return { store };
});
