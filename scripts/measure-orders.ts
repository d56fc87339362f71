import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LOCAL_API_CREDENTIALS } from '../local';
import { OrderApiClient } from './order-client/api-client';
import { generateOrders } from './order-client/orders';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

async function main() {
  const [withDir, countText] = process.argv.slice(2);
  const count = Number(countText ?? 400);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'measure-'));
  const port = await freePort();
  const args = ['--import', 'tsx', 'scripts/local.ts', 'skip-the-line', '--serve', '--port', String(port), '--edge-port', String(await freePort()), ...(withDir === 'dir' ? ['--data-dir', dataDir] : [])];
  const child = spawn(process.execPath, args, { env: { ...process.env, CHECKPOINT_DISABLE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  for (let i = 0; i < 1200 && !out.includes('Press Ctrl+C'); i++) await sleep(100);
  const url = /REST API .* on (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out)![1];
  const client = new OrderApiClient(url, { kind: 'iam', region: 'us-east-1', credentials: { ...LOCAL_API_CREDENTIALS } });
  // warm-up
  await Promise.all(generateOrders({ count: 20, seed: 1, idPrefix: 'warm-' }).map((o) => client.placeOrder(o)));
  await sleep(2000);
  const orders = generateOrders({ count, seed: 2, idPrefix: `m${Date.now() % 1e5}-` });
  let next = 0;
  let ok = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 20 }, async () => {
    while (next < orders.length) {
      const a = await client.placeOrder(orders[next++]!);
      if (a.status === 202) ok++;
    }
  }));
  const s = (performance.now() - t0) / 1000;
  console.log(`${withDir === 'dir' ? 'with --data-dir' : 'no data dir'}: ${ok}/${count} accepted in ${s.toFixed(2)} s = ${(ok / s).toFixed(1)} req/s`);
  child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}
void main();
