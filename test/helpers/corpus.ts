import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { post } from './graphql';
import { ROOT } from './server';

/**
 * The evaluation corpus (eval/README.md): real public datasets, the issues a person judged real, noise or
 * debatable in each, and hypotheses with the verdict a careful human gives. Runs it against a server:
 * detectIssues on every dataset, then every hypothesis through investigateIssues (templates), and scores.
 */
export const CORPUS_DIR = join(ROOT, 'eval');

interface Judged {
  type: string;
  columns: string[];
  why: string;
}
interface DatasetJudgment {
  source: string;
  real: Judged[];
  debatable: Judged[];
  noise: Judged[];
}
export interface Hypothesis {
  id: string;
  dataset: string;
  type: string;
  columns: string[];
  description: string;
  options?: Record<string, unknown>;
  claim?: { measure: string; comparator: string; value: number };
  polarity: 'problem' | 'rule';
  expected: 'CONFIRMED' | 'REFUTED' | 'INCONCLUSIVE';
  why: string;
}

export interface CorpusReport {
  datasets: number;
  /** The datasets whose detection was judged. */
  judgedDatasets: number;
  /** Proposals that are real issues, out of the proposals judged real or noise (debatable ones count for neither); unjudged proposals count as noise. */
  precision: number;
  recall: number;
  proposals: number;
  truePositives: number;
  real: number;
  unjudged: string[];
  missed: string[];
  falsePositives: string[];
  hypotheses: number;
  agreement: number;
  disagreements: string[];
  /** Agreement of each polarity, and of each expected verdict. */
  agreementBy: Record<string, { agreed: number; total: number }>;
}

const readJson = <T>(name: string): T => JSON.parse(readFileSync(join(CORPUS_DIR, name), 'utf8')) as T;
export const judgments = () => readJson<Record<string, DatasetJudgment>>('detection.json');
/** eval/hypotheses.json, or the files EVAL_HYPOTHESES names (comma-separated, in eval/). */
export const hypotheses = () => (process.env.EVAL_HYPOTHESES ?? 'hypotheses.json').split(',').flatMap((name) => readJson<Hypothesis[]>(name.trim()));

const key = (type: string, columns: readonly string[]) => `${type}[${[...columns].sort().join(',')}]`;

async function createDataset(url: string, name: string): Promise<string> {
  const csv = readFileSync(join(CORPUS_DIR, 'datasets', name), 'utf8');
  const r = await post(url, 'mutation($name: String!, $csv: String!) { createDataset(name: $name, csv: $csv) { id } }', { name, csv });
  if (r.errors) throw new Error(`${name}: ${r.errors[0]!.message}`);
  return r.data.createDataset.id;
}

async function detect(url: string, datasetId: string): Promise<Array<{ type: string; affectedColumns: string[]; description: string }>> {
  const r = await post(url, 'mutation($id: ID!) { detectIssues(datasetId: $id) { type affectedColumns description } }', { id: datasetId });
  if (r.errors) throw new Error(r.errors[0]!.message);
  return r.data.detectIssues;
}

async function verdictOf(url: string, datasetId: string, h: Hypothesis): Promise<{ status: string; explanation: string }> {
  const issue = { id: h.id, type: h.type, description: h.description, affectedColumns: h.columns, options: h.options, claim: h.claim };
  const r = await post(
    url,
    `mutation($input: InvestigateIssuesInput!) { investigateIssues(input: $input) { investigations { status error verdict { status explanation } } } }`,
    { input: { datasetId, codegen: 'TEMPLATE', wait: true, issues: [issue] } },
  );
  if (r.errors) return { status: 'ERROR', explanation: r.errors[0]!.message };
  const investigation = r.data.investigateIssues.investigations[0];
  return investigation.verdict ?? { status: 'NONE', explanation: investigation.error ?? investigation.status };
}

export async function evaluateCorpus(url: string, log: (line: string) => void = () => {}): Promise<CorpusReport> {
  const judged = judgments();
  const all = hypotheses();
  // Detection is judged on the datasets of detection.json; hypotheses may name others too.
  const ids = new Map<string, string>();
  for (const name of new Set([...Object.keys(judged), ...all.map((h) => h.dataset)])) ids.set(name, await createDataset(url, name));

  let [proposals, truePositives, real] = [0, 0, 0];
  const unjudged: string[] = [];
  const missed: string[] = [];
  const falsePositives: string[] = [];
  for (const [name, j] of Object.entries(judged)) {
    const proposed = await detect(url, ids.get(name)!);
    const keys = new Set(proposed.map((p) => key(p.type, p.affectedColumns)));
    const realKeys = new Set(j.real.map((r) => key(r.type, r.columns)));
    const debatable = new Set(j.debatable.map((r) => key(r.type, r.columns)));
    const noise = new Set(j.noise.map((r) => key(r.type, r.columns)));
    let [tp, counted] = [0, 0];
    for (const p of proposed) {
      const k = key(p.type, p.affectedColumns);
      if (debatable.has(k)) continue;
      counted += 1;
      if (realKeys.has(k)) tp += 1;
      else if (noise.has(k)) falsePositives.push(`${name} ${k}`);
      else unjudged.push(`${name} ${k}: ${p.description}`);
    }
    const notFound = j.real.filter((r) => !keys.has(key(r.type, r.columns)));
    missed.push(...notFound.map((r) => `${name} ${key(r.type, r.columns)}: ${r.why}`));
    [proposals, truePositives, real] = [proposals + counted, truePositives + tp, real + j.real.length];
    log(`${name.padEnd(36)} proposed ${String(proposed.length).padStart(3)}  real ${String(j.real.length).padStart(3)}  found ${String(j.real.length - notFound.length).padStart(3)}`);
  }

  const disagreements: string[] = [];
  const agreementBy: CorpusReport['agreementBy'] = {};
  const tally = (group: string, ok: boolean) => {
    const t = (agreementBy[group] ??= { agreed: 0, total: 0 });
    t.total += 1;
    if (ok) t.agreed += 1;
  };
  for (const h of all) {
    const verdict = await verdictOf(url, ids.get(h.dataset)!, h);
    const ok = verdict.status === h.expected;
    tally(h.polarity, ok);
    tally(`expected ${h.expected}`, ok);
    if (!ok) disagreements.push(`${h.id}: expected ${h.expected}, got ${verdict.status} — "${h.description}" → ${verdict.explanation}`);
  }
  return {
    datasets: ids.size,
    judgedDatasets: Object.keys(judged).length,
    precision: proposals ? truePositives / proposals : 1,
    recall: real ? truePositives / real : 1,
    proposals,
    truePositives,
    real,
    unjudged,
    missed,
    falsePositives,
    hypotheses: all.length,
    agreement: (all.length - disagreements.length) / all.length,
    disagreements,
    agreementBy,
  };
}
