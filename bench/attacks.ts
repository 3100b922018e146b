// npm run bench:attacks: how the server holds up while it is attacked. For each attack (bounded in size and
// time, on loopback), the /health latencies while it runs (p50, p99, max), how long it took, and what the
// attacker got. Prints JSON. Figures from before the defences are in the issue and the notes.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeGeneratedSales } from '../test/helpers/data';
import { authHeaders } from '../test/helpers/graphql';
import { CORE_ISSUES } from '../test/helpers/seed';
import { removeDataDir, spawnServer, tempDataDir, type ChildServer } from '../test/helpers/server';
import { gql, upload } from './client';
import { healthWhile } from './measure';

const dir = tempDataDir();
const server = await spawnServer(join(dir, 'data'), { HTTP_STALL_TIMEOUT_S: '5', SANDBOX_TIMEOUT_MS: '60000' });
const results: Record<string, unknown> = { stallTimeoutS: 5 };

async function investigate(datasetId: string, issues: unknown[], codegen = 'TEMPLATE') {
  const data = await gql(server, 'mutation($i: InvestigateIssuesInput!) { investigateIssues(input: $i) { status investigations { id status method errorCode } } }', {
    i: { datasetId, issues, wait: true, codegen },
  });
  return data.investigateIssues;
}

async function rerun(investigationId: string, code: string) {
  const data = await gql(server, 'mutation($id: ID!, $code: String) { rerunInvestigation(id: $id, code: $code) { status errorCode } }', { id: investigationId, code });
  return data.rerunInvestigation;
}

async function attack(name: string, work: () => Promise<unknown>) {
  const { health, outcome, ms } = await healthWhile(server, work);
  results[name] = { attackMs: ms, healthMs: health, outcome };
}

try {
  const wide = join(dir, 'wide.csv');
  const columns = Array.from({ length: 60_000 }, (_, i) => `c${i}`);
  writeFileSync(wide, `${[columns.join(','), ...[0, 1, 2].map((r) => columns.map((_, i) => String((i * 7 + r) % 100)).join(','))].join('\n')}\n`);
  await attack('wideFile60000ColumnsUploadAndInvestigate', async () => {
    const id = await upload(server, wide);
    return (await investigate(id, [{ type: 'missing_values', description: 'x', affectedColumns: ['c0'] }])).status;
  });

  const big = join(dir, 'big.csv');
  writeGeneratedSales(big, 200_000);
  let bigId = '';
  await attack('upload200kRows', async () => (bigId = await upload(server, big)));
  await attack('heuristics200kRowsCoreTypes', async () => (await investigate(bigId, CORE_ISSUES, 'HEURISTIC')).status);
  await attack('detectIssues200kRows', async () => (await gql(server, 'mutation($d: ID!) { detectIssues(datasetId: $d) { type } }', { d: bigId })).detectIssues.length);

  const base = (await investigate(bigId, [CORE_ISSUES[0]])).investigations[0].id;
  await attack('output120kbEscapedQuotes', () => rerun(base, `print('{"a": "' + '\\\\"' * 60000)\n`));
  await attack('result12MbLineWithNaN', () =>
    rerun(base, `print('{"issue_type": "missing_values", "padding": "' + 'x' * (12 << 20) + '", "n": NaN}')\n`),
  );

  const aliases = `{ ${Array.from({ length: 300 }, (_, i) => `a${i}: datasets(first: 100) { edges { node { id name columns { name dtype nullCount } } } }`).join(' ')} }`;
  await attack('query300Aliases', async () => {
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...authHeaders(server.url) }, body: JSON.stringify({ query: aliases }) });
    return { status: res.status, bytes: (await res.text()).length };
  });

  // Sent by curl: building and encoding 300 MB would hold this process's own event loop, and its /health timings.
  const body = join(dir, 'body.json');
  writeFileSync(body, `{"query": "{ __typename }", "variables": {"x": "${'x'.repeat(300 << 20)}"}}`);
  await attack('jsonBody300Mb', () =>
    run('curl', ['-s', '-o', '/dev/null', '-w', 'HTTP %{http_code}', '-H', 'content-type: application/json', '-H', `authorization: ${authHeaders(server.url).authorization}`, '--data-binary', `@${body}`, server.url]),
  );

  await attack('slowReaderOfGraphiQL', () => run('/usr/bin/python3', ['-c', slowReader(server)]));

  await attack('twentyRunsAtOnce', async () => {
    const runs = await Promise.all(Array.from({ length: 20 }, () => investigate(bigId, [CORE_ISSUES[1]])));
    return runs.map((r) => r.status).filter((s) => s === 'SUCCEEDED').length;
  });
} finally {
  server.process.kill('SIGTERM');
  await server.exited;
  removeDataDir(dir);
}
console.log(JSON.stringify(results, null, 2));

/** What a command printed, once it has ended. */
function run(command: string, args: string[]): Promise<string> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) => child.on('exit', () => resolve(out.trim())));
}

/** A client that asks for the GraphiQL page (9 MB uncompressed) with a 4 KB receive buffer and reads nothing. */
function slowReader(target: ChildServer): string {
  const { hostname, port } = new URL(target.url);
  return `
import socket, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.connect((${JSON.stringify(hostname)}, ${port}))
s.sendall(b"GET /graphql HTTP/1.1\\r\\nHost: ${hostname}:${port}\\r\\nAccept: text/html\\r\\n\\r\\n")
started = time.time()
while time.time() - started < 60:  # read nothing; only look whether the server reset the connection
    if s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) or s.getsockopt(socket.SOL_TCP, socket.TCP_INFO, 8)[0] != 1:
        break
    time.sleep(0.1)
print("reset by the server after %.1f s" % (time.time() - started) if time.time() - started < 60 else "still open after 60 s")
`;
}
