import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

/** Tests spawn the server as `npm start` runs it: built (scripts/build.mjs), once before every test file. */
export default function setup() {
  execFileSync(process.execPath, [join(resolve(import.meta.dirname, '..', '..'), 'scripts', 'build.mjs')], { stdio: 'inherit' });
}
