import * as path from 'node:path';
import { S3Emulator } from '../../local/emulators/s3';
import { projectNode } from '../../local/node-runtime';
import { PROJECT_ROOT as scriptsRoot } from '../../scripts/lib/project';
import { PROJECT_ROOT as stacksRoot } from '../../stacks/config';

// Run through run.cjs by __tests__/run.test.ts: the modules that find files from their own folder, as a bundle in
// .build/run/ sees them. Prints one JSON line: the roots they computed, the project's Node they found, and whether
// the S3 emulator's worker (local/emulators/s3-worker.cjs, found beside s3.ts) started and answered.

async function main(): Promise<void> {
  const s3 = await S3Emulator.start([{ address: 'aws_s3_bucket.b', name: 'places-bucket' }]);
  try {
    const snapshot = await s3.snapshot();
    console.log(JSON.stringify({ here: __dirname, file: path.basename(__filename), scriptsRoot, stacksRoot, projectNode: projectNode()?.path, s3: snapshot }));
  } finally {
    await s3.close();
  }
}

void main();
