import { App } from 'cdktf';
import { buildApp } from './stacks/app';
import { loadConfig } from './stacks/config';

// The CDKTF app: `cdktf synth` runs this (see cdktf.json), as does `npm run synth`.
try {
  const app = new App();
  buildApp(app, loadConfig());
  app.synth();
} catch (err) {
  // Config and builder errors are sentences meant for the user; the stack trace only with SFN_DEBUG=1.
  const error = err as Error;
  console.error(`Synth stopped: ${process.env.SFN_DEBUG ? error.stack : error.message}`);
  process.exit(1);
}
