import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLocalStack } from '../../../local';
import { synthesizeApp } from '../../../stacks/app';
import { parseConfig } from '../../../stacks/config';
import { executeOk, loadList, SCENARIOS } from './local-runs';
import { countUsage, type CountedUsage } from './usage';

/** One stack's sample execution counted in one query language (config `queryLanguage`, issue 17). */
export interface LanguageUsage {
  /** The stack id, or the stack id and the path taken when it is not the sample's. */
  readonly stackId: string;
  readonly queryLanguage: 'JSONPath' | 'JSONata';
  readonly counted: CountedUsage;
}

/**
 * The bench's sample execution of every stack, once with the app synthesized in each query language (into a
 * temporary folder each): what the cost model counts (transitions, invocations, service calls) per language.
 */
export async function measureLanguages(say: (line: string) => void): Promise<LanguageUsage[]> {
  const usages: LanguageUsage[] = [];
  for (const queryLanguage of ['JSONPath', 'JSONata'] as const) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `sfn-bench-${queryLanguage.toLowerCase()}-`));
    try {
      say(`  ${queryLanguage}: synth, then one sample execution per stack`);
      synthesizeApp(parseConfig({ queryLanguage }, 'bench config', {}), { outdir });
      for (const scenario of SCENARIOS) {
        const stack = await startLocalStack(path.join(outdir, 'stacks', scenario.stackId));
        try {
          const readBytes = scenario.list ? await loadList(stack, scenario.list) : undefined;
          const { result } = await executeOk(stack, scenario.input(1));
          usages.push({ stackId: scenario.stackId, queryLanguage, counted: countUsage(stack.model, result, { ...(readBytes !== undefined && { readBytes }) }) });
          if (scenario.stackId === 'skip-the-line') {
            // A failure path, where the renderings differ: the invoice cannot be written, the order is withdrawn.
            const failed = await stack.execute(scenario.input(2), { faults: [{ state: 'task_put_object', error: 'InvoiceNotStored', times: 4 }] });
            if (failed.error !== 'InvoiceNotStored') throw new Error(`skip-the-line's withdrawn path ended ${failed.status} ${failed.error ?? ''}, not InvoiceNotStored`);
            usages.push({ stackId: 'skip-the-line (invoice fails: withdrawn)', queryLanguage, counted: countUsage(stack.model, failed) });
          }
        } finally {
          await stack.close();
        }
      }
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }
  return usages;
}
