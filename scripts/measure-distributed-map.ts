/**
 * Measures the engine on a 100,000-item Distributed Map read from the local S3 emulator (s3rver on 127.0.0.1): the
 * items as one JSON array and as CSV, each through a trivial ItemProcessor (a Pass) and through a Task with an
 * in-process handler; the results written back with ResultWriter (the Map's result would pass 256 KiB otherwise).
 * Prints wall time (from StartExecution to the outcome) and peak heap per run. The issue's target: ≤ 20 s.
 *
 *   npx tsx scripts/measure-distributed-map.ts [items] [only: e.g. "JSON task"]
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { S3Emulator } from '../local/emulators/s3';
import { StateMachine } from '../local/engine';
import { S3ClientStore } from '../local/engine/distributed-map/s3-client-store';

const COUNT = Number(process.argv[2] ?? 100_000);
const ONLY = process.argv[3];
const BUCKET = 'measure';

function processor(kind: 'pass' | 'task'): Record<string, unknown> {
  const state = kind === 'pass' ? { Type: 'Pass', End: true } : { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', OutputPath: '$.Payload', End: true };
  return { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'Work', States: { Work: state } };
}

function definition(inputType: 'JSON' | 'CSV', kind: 'pass' | 'task'): Record<string, unknown> {
  return {
    StartAt: 'Map',
    States: {
      Map: {
        Type: 'Map',
        Label: 'Measure',
        ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: inputType }, Parameters: { Bucket: BUCKET, Key: `items.${inputType.toLowerCase()}` } },
        ItemSelector: { 'item.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index' },
        ItemProcessor: processor(kind),
        ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: BUCKET, Prefix: `results/${inputType}-${kind}` } },
        End: true,
      },
    },
  };
}

async function main(): Promise<void> {
  const s3 = await S3Emulator.start([{ address: 'aws_s3_bucket.measure', name: BUCKET }]);
  try {
    const rows = Array.from({ length: COUNT }, (_, i) => ({ id: i, name: `item-${i}`, value: (i * 7) % 1000 }));
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'items.json', Body: JSON.stringify(rows) }));
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'items.csv', Body: `id,name,value\n${rows.map((r) => `${r.id},${r.name},${r.value}`).join('\n')}\n` }));
    const store = new S3ClientStore(s3.client);
    console.log(`${COUNT.toLocaleString('en-US')} items from s3rver, children EXPRESS, MaxConcurrency unset (10,000), results to S3 with ResultWriter`);
    console.log('run'.padEnd(14), 'status'.padEnd(10), 'wall s'.padStart(8), 'peak heap MiB'.padStart(15));
    for (const inputType of ['JSON', 'CSV'] as const) {
      for (const kind of ['pass', 'task'] as const) {
        if (ONLY && ONLY !== `${inputType} ${kind}`) continue;
        global.gc?.();
        const machine = new StateMachine(definition(inputType, kind), { name: 'Measure', objectStore: store });
        let peak = process.memoryUsage().heapUsed;
        const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
        const started = performance.now();
        const outcome = await machine.run({ taskHandlers: { Work: async ({ input }) => ({ Payload: { ok: true, id: (input as { item: { id: unknown } }).item.id } }) } });
        const wall = (performance.now() - started) / 1000;
        clearInterval(sampler);
        peak = Math.max(peak, process.memoryUsage().heapUsed);
        const label = `${inputType} ${kind}`;
        console.log(label.padEnd(14), outcome.status.padEnd(10), wall.toFixed(2).padStart(8), (peak / 2 ** 20).toFixed(0).padStart(15), outcome.error ? `${outcome.error}: ${outcome.cause?.slice(0, 200)}` : '');
      }
    }
  } finally {
    await s3.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
