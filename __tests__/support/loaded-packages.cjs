'use strict';
// Preloaded (`node --require`) by __tests__/local/lazy-loading.test.ts: when the process exits, writes the packages
// it loaded from node_modules (scoped names kept whole) to the file named by $LOADED_PACKAGES_FILE, one JSON array.
const fs = require('node:fs');

process.on('exit', () => {
  const names = new Set();
  for (const file of Object.keys(require.cache)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file.slice(file.lastIndexOf('node_modules/')));
    if (match) names.add(match[1]);
  }
  fs.writeFileSync(process.env.LOADED_PACKAGES_FILE, JSON.stringify([...names].sort()));
});
