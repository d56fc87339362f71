'use strict';
// One Lambda execution environment: a worker thread that loads a function's bundle once and runs one invocation
// at a time. lambda-host.ts starts it with the function's own process.env (worker_threads `env`), reads its
// stdout/stderr as the function's logs, and terminates it when an invocation outlives the function's timeout.
// Plain CommonJS so that it runs the same under tsx, jest and node, without a TypeScript loader.

const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { parentPort, workerData } = require('node:worker_threads');

const { bundleDir, handler: handlerSetting, functionName, functionArn, memorySize, logGroupName, logStreamName, compileCacheDir } = workerData;

// V8's code cache for the bundle and the SDK (local/worker-compile-cache.ts): a faster cold start, nothing else.
if (compileCacheDir !== undefined) Module.enableCompileCache?.(compileCacheDir || undefined);

provideRuntimeSdk();
let handlerPromise;

parentPort.on('message', async ({ event, requestId, deadlineMs }) => {
  try {
    handlerPromise ??= loadHandler();
    const handler = await handlerPromise;
    const result = await callHandler(handler, JSON.parse(event), lambdaContext(requestId, deadlineMs));
    let payload;
    try {
      payload = JSON.stringify(result === undefined ? null : result);
    } catch (err) {
      throw named('Runtime.MarshalError', `Unable to stringify response body: ${err.message}`);
    }
    parentPort.postMessage({ ok: true, payload });
  } catch (err) {
    parentPort.postMessage({ ok: false, error: errorResponse(err) });
  }
});

/**
 * The Lambda runtime provides the AWS SDK, so bundles leave `@aws-sdk/*` out. A bundle outside the project (a
 * stack synthesized into a temporary folder) cannot find it by walking up; it gets the runner's own copy instead
 * (what this file resolves from its folder).
 */
function provideRuntimeSdk() {
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function resolveWithRuntimeSdk(request, parent, isMain, options) {
    try {
      return resolve.call(this, request, parent, isMain, options);
    } catch (err) {
      if (err && err.code === 'MODULE_NOT_FOUND' && /^@aws-sdk\//.test(request)) return resolve.call(this, request, module, false);
      throw err;
    }
  };
}

/** `index.handler` → the `handler` export of index.js (or .cjs / .mjs), with the runtime's error names. */
async function loadHandler() {
  const dot = handlerSetting.lastIndexOf('.');
  const file = handlerSetting.slice(0, dot);
  const exportPath = handlerSetting.slice(dot + 1);
  const found = ['.js', '.cjs', '.mjs'].map((ext) => path.join(bundleDir, file + ext)).find((f) => fs.existsSync(f));
  if (!found) throw named('Runtime.ImportModuleError', `Error: Cannot find module '${file}'`);
  let mod;
  try {
    mod = found.endsWith('.mjs') ? await import(pathToFileURL(found).href) : require(found);
  } catch (err) {
    if (err instanceof SyntaxError) throw named('Runtime.UserCodeSyntaxError', String(err));
    if (err && err.code === 'MODULE_NOT_FOUND') throw named('Runtime.ImportModuleError', `Error: ${String(err.message).split('\n')[0]}`);
    throw err;
  }
  const fn = mod && mod[exportPath];
  if (typeof fn !== 'function') throw named('Runtime.HandlerNotFound', `${handlerSetting} is undefined or not exported`);
  return fn;
}

/** Async handlers and callback-style handlers (three parameters), as the Node.js runtime accepts both. */
function callHandler(fn, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (err, value) => {
      if (settled) return;
      settled = true;
      if (err !== null && err !== undefined) reject(err);
      else resolve(value);
    };
    Object.assign(context, { done, succeed: (value) => done(null, value), fail: (err) => done(err ?? new Error('failed')) });
    try {
      const out = fn.length >= 3 ? fn(event, context, done) : fn(event, context);
      if (out && typeof out.then === 'function') out.then((value) => done(null, value), (err) => done(err ?? new Error('rejected')));
      else if (fn.length < 3) done(null, out);
    } catch (err) {
      done(err);
    }
  });
}

function lambdaContext(requestId, deadlineMs) {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn,
    memoryLimitInMB: String(memorySize),
    awsRequestId: requestId,
    logGroupName,
    logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
  };
}

/** What the Node.js runtime reports for a thrown value: the error's name as errorType. */
function errorResponse(err) {
  if (err instanceof Error || (err && typeof err === 'object' && typeof err.message === 'string')) {
    return { errorType: err.name || 'Error', errorMessage: err.message, trace: String(err.stack || '').split('\n') };
  }
  return { errorType: typeof err, errorMessage: String(err), trace: [] };
}

function named(name, message) {
  const err = new Error(message);
  err.name = name;
  return err;
}
