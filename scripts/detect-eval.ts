/**
 * Precision and recall of the analysis agent's profile rules (detectIssues without an LLM) on the sample
 * dataset and on generated datasets with planted issues (test/helpers/detectData.ts).
 * Usage: node --import tsx scripts/detect-eval.ts [variants]   (variants: extra seeds of each generator, default 0)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profileAndPropose } from '../src/analysis/propose';
import { ingestLocalCsv } from '../src/datasets/ingest';
import { PiiRedactor } from '../src/pipeline/redact';
import { evalDatasets, score } from '../test/helpers/detectData';

async function main() {
  const variants = Number(process.argv[2] ?? 0);
  const dir = mkdtempSync(join(tmpdir(), 'detect-eval-'));
  const redactor = new PiiRedactor(true);
  const signal = new AbortController().signal;
  let [tp, proposed, planted] = [0, 0, 0];
  try {
    for (let variant = 0; variant <= variants; variant++) {
      for (const d of evalDatasets(dir, variant)) {
        const dataset = await ingestLocalCsv(d.path, dir);
        const started = performance.now();
        const { issues } = await profileAndPropose(dataset, signal, redactor);
        const ms = performance.now() - started;
        const s = score(issues, d.planted);
        [tp, proposed, planted] = [tp + s.truePositives, proposed + s.proposed, planted + s.planted];
        console.log(
          `${d.name.padEnd(24)} rows ${String(dataset.rowCount).padStart(6)}  planted ${s.planted}  proposed ${s.proposed}  ` +
            `precision ${s.precision.toFixed(2)}  recall ${s.recall.toFixed(2)}  ${ms.toFixed(0)} ms`,
        );
        for (const m of s.missed) console.log(`    missed ${m.type} on ${m.columns.join(', ') || 'whole rows'}`);
        for (const f of s.falsePositives) console.log(`    false  ${f.type} on ${f.affectedColumns.join(', ') || 'whole rows'}`);
        if (process.env.VERBOSE) for (const i of issues) console.log(`    ${i.id}: ${i.description}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`overall: planted ${planted}, proposed ${proposed}, true ${tp}: precision ${(tp / proposed).toFixed(3)}, recall ${(tp / planted).toFixed(3)}`);
}

await main();
