// npm run build: the server as plain JavaScript in dist/, so that `npm start` loads it without compiling
// TypeScript on the way (tsx's loader costs about 0.6 s of the start). Our code is bundled with the packages
// it imports: Node resolving, statting and reading their thousand-odd files one by one took ~0.7 s of a
// start (first GraphQL answer 1.72–1.99 s → 1.02–1.06 s). Packages that find files of their own at run
// time (piscina's and pino's worker scripts), native ones, optional ones and the CLI's stay in
// node_modules. Each `import.meta.url` of our code keeps meaning its source file, so templates, Python
// files and migrations are read where they are in src/, and the worker threads run the bundled tasks.
import { copyFile, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist');
const workerEntry = join(root, 'src', 'workers', 'workerEntry.ts');

const sourceUrls = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      if (path === workerEntry) {
        return { contents: "export function threadEntry(module) { return { filename: new URL(`./${module}.mjs`, import.meta.url).href, workerData: {} }; }", loader: 'ts' };
      }
      const text = await readFile(path, 'utf8');
      const url = `new URL(${JSON.stringify(relative(outdir, path))}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

/** Packages left in node_modules (see above); the rest of those the server imports are bundled. */
const KEPT_EXTERNAL = ['better-sqlite3', 'piscina', 'pino', '@aws-sdk/*', 'pg-native', 'bufferutil', 'utf-8-validate', 'esbuild', 'tsx', 'cli-progress', 'cli-table3'];

await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // The worker threads' modules are named as threadEntry() names them (src/workers/workerEntry.ts).
  entryPoints: { main: 'src/main.ts', tasks: 'src/workers/tasks.ts', csvParser: 'src/datasets/csv/parseThread.ts', iterate: 'src/cli/iterate/main.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  external: [...KEPT_EXTERNAL],
  // Bundled CommonJS packages call require() for Node's modules, which an ES module lacks.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  plugins: [sourceUrls],
  logLevel: 'warning',
});

// The dashboard: a Preact page bundled for browsers, its CSS beside it; the server serves dist/dashboard/.
const dashboard = join(outdir, 'dashboard');
await build({
  absWorkingDir: root,
  entryPoints: { app: 'dashboard/src/main.tsx' },
  outdir: dashboard,
  bundle: true,
  minify: true,
  platform: 'browser',
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  sourcemap: 'linked',
  logLevel: 'warning',
});
await copyFile(join(root, 'dashboard', 'index.html'), join(dashboard, 'index.html'));
