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

// S3's key quota, which s3rver does not check: 1,024 bytes of UTF-8 (S3 User Guide, "Naming Amazon S3 objects"); a
// longer key is 400 KeyTooLongError, with the key's size and the maximum (S3 API Reference, "Error responses").
// Path-style only (vhostBuckets is off): /<bucket>/<key>.
const MAX_KEY_BYTES = 1024;
server.middleware.unshift(async (ctx, next) => {
  const slash = ctx.path.indexOf('/', 1);
  if (slash > 0) {
    let key;
    try {
      key = decodeURIComponent(ctx.path.slice(slash + 1));
    } catch {
      return next();
    }
    const size = Buffer.byteLength(key, 'utf8');
    if (size > MAX_KEY_BYTES) {
      ctx.status = 400;
      ctx.type = 'application/xml';
      ctx.body =
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>KeyTooLongError</Code><Message>Your key is too long</Message>' +
        `<Size>${size}</Size><MaxSizeAllowed>${MAX_KEY_BYTES}</MaxSizeAllowed></Error>`;
      return;
    }
  }
  return next();
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
