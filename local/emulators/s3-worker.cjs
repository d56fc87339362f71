'use strict';
// Hosts s3rver in a worker thread started without the parent's loaders: under tsx (Node 22 as on 20), koa's
// dependency `generator-function` resolves to its ESM entry and s3rver cannot start in the main thread.
const { parentPort, workerData } = require('node:worker_threads');
const S3rver = require('s3rver');
const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account');

// s3rver knows one key pair (S3RVER) and checks only that a SigV4 request's key id is known: the edge has checked
// the signature already, with every key pair it accepts, so s3rver is told them all.
for (const { accessKeyId, secretAccessKey } of workerData.credentials) DUMMY_ACCOUNT.createKeyPair(accessKeyId, secretAccessKey);

const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory: workerData.directory,
  vhostBuckets: false,
  configureBuckets: workerData.buckets.map((name) => ({ name })),
});

server.run().then(
  ({ port }) => parentPort.postMessage({ type: 'listening', port }),
  (err) => parentPort.postMessage({ type: 'error', message: err.message }),
);

parentPort.on('message', async (msg) => {
  if (msg.type !== 'close') return;
  server.httpServer.closeAllConnections();
  await server.close().catch(() => undefined);
  parentPort.postMessage({ type: 'closed' });
});
