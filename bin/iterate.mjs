#!/usr/bin/env node
// The `iterate` command (src/cli/iterate), as built into dist/ by `npm run build` (setup runs it).
import { existsSync } from 'node:fs';

const built = new URL('../dist/iterate.mjs', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write('iterate: not built yet; run `npm run build` (or scripts/setup.sh) in the project first\n');
  process.exit(1);
}
const { main } = await import(built.href);
await main(process.argv);
