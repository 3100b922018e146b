/**
 * Detection precision and recall, and verdict agreement, on the evaluation corpus of real public datasets
 * (eval/README.md), measured through a real server started in this process on a free port.
 * Usage: npm run eval   (VERBOSE=1 also lists every disagreement's explanation; EVAL_HYPOTHESES=a.json,b.json
 * judges the hypotheses of those files in eval/ instead of hypotheses.json)
 */
import { evaluateCorpus } from '../test/helpers/corpus';
import { startServer } from '../test/helpers/server';

const TARGETS = { precision: 0.9, recall: 0.85, agreement: 0.95 };

const server = await startServer();
try {
  const r = await evaluateCorpus(server.url, (line) => console.log(line));
  const section = (title: string, lines: string[]) => {
    if (!lines.length) return;
    console.log(`\n${title} (${lines.length}):`);
    for (const line of lines) console.log(`  ${line}`);
  };
  section('unjudged proposals (counted as noise until judged in eval/detection.json)', r.unjudged);
  section('false positives', r.falsePositives);
  section('missed real issues', r.missed);
  section('verdicts that disagree with the careful human', r.disagreements);
  const met = (value: number, target: number) => `${value.toFixed(3)} (target ≥ ${target}: ${value >= target ? 'met' : 'NOT met'})`;
  console.log(`\n${r.datasets} datasets; detection on the ${r.judgedDatasets} judged: ${r.truePositives} of ${r.proposals} judged proposals real, ${r.truePositives} of ${r.real} real issues found`);
  console.log(`detection precision ${met(r.precision, TARGETS.precision)}`);
  console.log(`detection recall    ${met(r.recall, TARGETS.recall)}`);
  console.log(`verdict agreement   ${met(r.agreement, TARGETS.agreement)} on ${r.hypotheses} hypotheses`);
  for (const [group, t] of Object.entries(r.agreementBy)) console.log(`  ${group.padEnd(22)} ${t.agreed}/${t.total}`);
} finally {
  await server.stop();
}
