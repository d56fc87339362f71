'use strict';
// Hosts s3rver in a worker thread started without the parent's loaders: under tsx (Node 22 as on 20), koa's
// dependency `generator-function` resolves to its ESM entry and s3rver cannot start in the main thread.
// One worker serves every local stack of the process, each with its own s3rver (its own folder and port): loading
// s3rver and koa is most of S3's start-up (~0.2 s), paid once instead of at every stand-up (local/emulators/s3.ts).
const { parentPort, workerData } = require('node:worker_threads');

// V8's code cache for s3rver and koa (local/worker-compile-cache.ts): a faster start, nothing else.
if (workerData.compileCacheDir !== undefined) require('node:module').enableCompileCache?.(workerData.compileCacheDir || undefined);
const S3rver = require('s3rver');
const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account');

// S3's key quota, which s3rver does not check: 1,024 bytes of UTF-8 (S3 User Guide, "Naming Amazon S3 objects"); a
// longer key is 400 KeyTooLongError, with the key's size and the maximum (S3 API Reference, "Error responses").
// Path-style only (vhostBuckets is off): /<bucket>/<key>.
const MAX_KEY_BYTES = 1024;

/** The s3rver instances running, by the id their stack's emulator gave them. */
const servers = new Map();

// s3rver knows one key pair (S3RVER) and checks only that a SigV4 request's key id is known: the edge has checked
// the signature already, with every key pair it accepts, so s3rver is told them all (those of every stack here).
const known = new Set();
function acceptKeys(credentials) {
  for (const { accessKeyId, secretAccessKey } of credentials) {
    if (known.has(accessKeyId)) continue;
    known.add(accessKeyId);
    DUMMY_ACCOUNT.createKeyPair(accessKeyId, secretAccessKey);
  }
}

/** S3's key quota (MAX_KEY_BYTES) on one server. */
function limitKeySize(server) {
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
}

async function start({ id, directory, buckets, credentials }) {
  acceptKeys(credentials);
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, vhostBuckets: false, configureBuckets: buckets.map((name) => ({ name })) });
  limitKeySize(server);
  try {
    const { port } = await server.run();
    // Idle connections kept until the server closes, as the other emulators' (local/emulators/http.ts listenLocal).
    server.httpServer.keepAliveTimeout = 0;
    servers.set(id, server);
    parentPort.postMessage({ type: 'listening', id, port });
  } catch (err) {
    parentPort.postMessage({ type: 'error', id, message: err.message });
  }
}

async function close({ id }) {
  const server = servers.get(id);
  servers.delete(id);
  if (server) {
    server.httpServer.closeAllConnections();
    await server.close().catch(() => undefined);
  }
  parentPort.postMessage({ type: 'closed', id });
}

parentPort.on('message', (msg) => {
  if (msg.type === 'start') void start(msg);
  else if (msg.type === 'close') void close(msg);
});
