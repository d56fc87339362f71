import { useAslChecker, useAslVerdictStore, useLanguageServiceModules } from './definitions/validate';
import { synthesizeApp } from './stacks/app';
import { aslChecksInWorker } from './stacks/asl-check-service';
import { bundledLanguageServiceModules } from './stacks/asl-language-service';
import { aslVerdictsOnDisk } from './stacks/asl-verdicts';
import { loadConfig } from './stacks/config';

// The ASL validator's verdicts are kept on disk between synths (definitions never touch the filesystem themselves).
useAslVerdictStore(aslVerdictsOnDisk());
// A definition without a verdict is checked with amazon-states-language-service's modules bundled in one file.
useLanguageServiceModules(bundledLanguageServiceModules());
// …in the worker thread run-main.cjs started when the definitions' bundle was built again (none otherwise).
useAslChecker(aslChecksInWorker());

// The CDKTF app: `cdktf synth` runs this (see cdktf.json), as do `npm run synth`, `npm start` and `npm run local`.
try {
  const { messages } = synthesizeApp(loadConfig());
  // On stderr, so that every command that synthesizes shows them (cdktf synth prints its own from manifest.json).
  for (const m of messages) console.error(`Synth ${m.level} [${m.constructPath}]: ${m.message}`);
} catch (err) {
  // Config and builder errors are sentences meant for the user; the stack trace only with SFN_DEBUG=1.
  const error = err as Error;
  console.error(`Synth stopped: ${process.env.SFN_DEBUG ? error.stack : error.message}`);
  process.exit(1);
}
