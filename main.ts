import { App } from 'cdktf';
import { buildApp } from './stacks/app';
import { ConfigError, loadConfig } from './stacks/config';

// The CDKTF app: `cdktf synth` runs this (see cdktf.json), as does `npm run synth`.
try {
  const app = new App();
  buildApp(app, loadConfig());
  app.synth();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`Synth stopped: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
