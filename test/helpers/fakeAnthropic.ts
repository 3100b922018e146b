import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Anthropic API that speaks its wire format (see ../shared/anthropic-notes.md
 * §5): the real SDK is pointed at it through baseURL. It records every request and answers each route
 * from a handler a test sets. Only the parts the service uses are implemented.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, or the raw text of a multipart upload. */
  body: any;
  raw: string;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
}

export type MessageHandler = (body: any, request: RecordedRequest) => Reply | Promise<Reply>;

export class FakeAnthropic {
  readonly requests: RecordedRequest[] = [];
  url = '';
  /** POST /v1/messages. */
  onMessage: MessageHandler = () => answerWithCode('print("no handler")');
  /**
   * POST /v1/messages that reads a hypothesis' claim (the record_claim tool forced): by default a text
   * answer with no tool call, which the service refuses (and remembers), so that the rule reader reads
   * claims in tests about other things.
   */
  onClaimReading: MessageHandler = () => message([{ type: 'text', text: 'This fake reads no claims unless a test says how.' }]);
  /** POST /v1/messages/count_tokens: by default a quarter of the characters of system and messages. */
  onCountTokens: (body: any) => Reply = (body) => ({ body: { input_tokens: Math.ceil(promptChars(body) / 4) } });
  /** GET /v1/models/{id}: capabilities by model id. */
  codeExecutionModels = new Set<string>(['claude-sonnet-5-5', 'claude-haiku-5-5']);
  /** Uploaded files (text), and the files code execution returned (bytes, downloadable). */
  readonly files = new Map<string, { filename: string; bytes: number; content: string | Buffer; deleted: boolean; downloadable?: boolean }>();
  /** Containers this fake has started; a request naming another one (or an expired one) gets a 404. */
  readonly containers = new Set<string>();
  /** Milliseconds each file upload takes. */
  uploadDelayMs = 0;
  /** How long an upload of a dataset (a .csv) takes, when it should differ from uploadDelayMs. */
  datasetUploadDelayMs: number | null = null;
  /** Close the connection of the next N requests without answering (a network failure). */
  dropRequests = 0;
  private server: Server | null = null;
  private fileCount = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The recorded requests to one route (method and path without the query). */
  calls(method: string, path: string | RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url!, 'http://x').pathname;
    const isJson = String(req.headers['content-type'] ?? '').includes('application/json');
    const recorded: RecordedRequest = { method: req.method!, path, headers: req.headers, raw, body: isJson && raw ? JSON.parse(raw) : raw };
    this.requests.push(recorded);
    if (this.dropRequests > 0) {
      this.dropRequests -= 1;
      req.socket.destroy();
      return;
    }
    const auth = req.headers.authorization ?? req.headers['x-api-key'];
    let reply: Reply;
    if (!auth) reply = apiError(401, 'authentication_error', 'x-api-key or Authorization header is required');
    else reply = await this.route(recorded, req);
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', 'request-id': `req_fake${this.requests.length}`, ...reply.headers });
    res.end(typeof reply.body === 'string' || Buffer.isBuffer(reply.body) ? reply.body : JSON.stringify(reply.body));
  }

  private async route(r: RecordedRequest, req: IncomingMessage): Promise<Reply> {
    if (r.method === 'POST' && r.path === '/v1/messages') {
      const container = r.body.container;
      if (container && !this.containers.has(container)) return apiError(404, 'not_found_error', `Container ${container} not found or expired`);
      return isClaimReading(r) ? this.onClaimReading(r.body, r) : this.onMessage(r.body, r);
    }
    if (r.method === 'POST' && r.path === '/v1/messages/count_tokens') return this.onCountTokens(r.body);
    if (r.method === 'POST' && r.path === '/v1/files') {
      const dataset = /filename="[^"]+\.csv"/.test(r.raw);
      await new Promise((resolve) => setTimeout(resolve, dataset ? (this.datasetUploadDelayMs ?? this.uploadDelayMs) : this.uploadDelayMs));
      const id = `file_fake${++this.fileCount}`;
      const filename = /filename="([^"]+)"/.exec(r.raw)?.[1] ?? 'upload';
      const content = multipartFile(r.raw, String(req.headers['content-type']));
      this.files.set(id, { filename, bytes: Buffer.byteLength(content), content, deleted: false });
      return { body: fileMetadata(id, filename, Buffer.byteLength(content)) };
    }
    const download = /^\/v1\/files\/([^/]+)\/content$/.exec(r.path);
    if (download && r.method === 'GET') {
      const stored = this.files.get(download[1]!);
      if (!stored || stored.deleted) return apiError(404, 'not_found_error', `File ${download[1]} not found`);
      if (!stored.downloadable) return apiError(400, 'invalid_request_error', `File ${download[1]} is not downloadable`);
      return { headers: { 'content-type': 'application/octet-stream' }, body: stored.content };
    }
    const file = /^\/v1\/files\/([^/]+)$/.exec(r.path);
    if (file) {
      const stored = this.files.get(file[1]!);
      if (!stored || stored.deleted) return apiError(404, 'not_found_error', `File ${file[1]} not found`);
      if (r.method === 'DELETE') {
        stored.deleted = true;
        return { body: { id: file[1], type: 'file_deleted' } };
      }
      return { body: { ...fileMetadata(file[1]!, stored.filename, stored.bytes), downloadable: stored.downloadable ?? false } };
    }
    const model = /^\/v1\/models\/([^/]+)$/.exec(r.path);
    if (model && r.method === 'GET') {
      const supported = this.codeExecutionModels.has(model[1]!);
      return {
        body: {
          id: model[1],
          type: 'model',
          display_name: model[1],
          created_at: '2026-10-01T00:00:00Z',
          capabilities: { server_tools: { supported, code_execution: { supported }, web_search: { supported: false } } },
        },
      };
    }
    return apiError(404, 'not_found_error', `No route ${r.method} ${r.path}`);
  }
}

function fileMetadata(id: string, filename: string, size: number) {
  return { id, type: 'file', filename, mime_type: 'text/csv', size_bytes: size, created_at: '2026-11-24T00:00:00Z', downloadable: false, expires_at: null };
}

function multipartFile(raw: string, contentType: string): string {
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1]?.replace(/"/g, '');
  if (!boundary) return '';
  const part = raw.split(`--${boundary}`).find((p) => /name="file"/.test(p)) ?? '';
  const start = part.indexOf('\r\n\r\n');
  return start < 0 ? '' : part.slice(start + 4).replace(/\r\n$/, '');
}

export function promptChars(body: any): number {
  const text = (content: any): string =>
    typeof content === 'string' ? content : Array.isArray(content) ? content.map((b) => b.text ?? '').join('') : '';
  const system = typeof body.system === 'string' ? body.system : text(body.system);
  return system.length + (body.messages ?? []).reduce((n: number, m: any) => n + text(m.content).length, 0);
}

/** The text of a request's messages of one role, joined. */
export function messageText(body: any, role: 'user' | 'assistant' = 'user'): string {
  return (body.messages ?? [])
    .filter((m: any) => m.role === role)
    .map((m: any) => (typeof m.content === 'string' ? m.content : m.content.map((b: any) => b.text ?? '').join('')))
    .join('\n');
}

/** A request that asks the model to read a hypothesis' claim (src/claims/llmClaimReader.ts). */
export function isClaimReading(r: RecordedRequest): boolean {
  return r.body?.tool_choice?.name === 'record_claim';
}

export function apiError(status: number, type: string, message: string, headers: Record<string, string> = {}): Reply {
  return { status, headers, body: { type: 'error', error: { type, message }, request_id: 'req_fake_error' } };
}

export function message(content: unknown[], extra: Record<string, unknown> = {}): Reply {
  return {
    body: {
      id: 'msg_fake',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-5-5',
      content,
      container: null,
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 1200, output_tokens: 300, cache_creation_input_tokens: null, cache_read_input_tokens: null, server_tool_use: null, service_tier: 'standard' },
      ...extra,
    },
  };
}

/** An answer the way Claude writes code: a sentence, then one fenced python block. */
export function answerWithCode(code: string, usage = { input_tokens: 1200, output_tokens: 300 }): Reply {
  return message([{ type: 'text', text: `Here is the script.\n\n\`\`\`python\n${code.trim()}\n\`\`\`` }], {
    usage: { ...usage, cache_creation_input_tokens: null, cache_read_input_tokens: null, server_tool_use: null, service_tier: 'standard' },
  });
}

export interface ExecutionOptions {
  /** Answer the first turn with pause_turn (a tool call with no result yet). */
  pause?: boolean;
  /** Answer with this tool error code instead of running anything. */
  toolError?: string;
  /** Answer with the legacy code_execution_tool_result block. */
  legacy?: boolean;
  container?: string;
}

/**
 * Plays Claude with the code execution tool: takes the command the request asks to run, puts the
 * uploaded files in an input directory (the container's), really runs the command there with Debian's
 * Python (pandas installed, as in Anthropic's container), and answers with the tool's result blocks.
 */
export function runLikeCodeExecution(fake: FakeAnthropic, body: any, options: ExecutionOptions = {}): Reply {
  const container = { id: body.container ?? options.container ?? 'container_fake1', expires_at: '2026-11-24T23:00:00Z', skills: null };
  fake.containers.add(container.id);
  const first = body.messages[0];
  const text = first.content.find((b: any) => b.type === 'text')?.text ?? '';
  const command = /<command>\n([\s\S]*?)\n<\/command>/.exec(text)?.[1];
  const toolUse = { type: 'server_tool_use', id: 'srvtoolu_fake1', name: 'bash_code_execution', input: { command }, caller: { type: 'direct' } };
  if (options.pause && body.messages.length === 1) {
    return message([{ type: 'text', text: 'Running it.' }, toolUse], { stop_reason: 'pause_turn', container });
  }
  if (options.toolError) {
    return message(
      [toolUse, { type: 'bash_code_execution_tool_result', tool_use_id: toolUse.id, content: { type: 'bash_code_execution_tool_result_error', error_code: options.toolError } }],
      { container },
    );
  }
  const inputs = mkdtempSync(join(tmpdir(), 'fake-container-'));
  try {
    mkdirSync(join(inputs, 'bin'));
    symlinkSync('/usr/bin/python3', join(inputs, 'bin', 'python3'));
    for (const block of first.content.filter((b: any) => b.type === 'container_upload')) {
      const file = fake.files.get(block.file_id);
      if (!file || file.deleted) return apiError(404, 'not_found_error', `File ${block.file_id} not found`);
      writeFileSync(join(inputs, file.filename), file.content);
    }
    const local = command!.replaceAll('find / -path /proc -prune -o', `find ${inputs}`);
    // Each command gets a fresh, empty $OUTPUT_DIR; the regular files at its top come back as file ids.
    const outputDir = mkdtempSync(join(tmpdir(), 'fake-output-'));
    const run = spawnSync('bash', ['-c', local], { encoding: 'utf8', env: { PATH: `${join(inputs, 'bin')}:/usr/bin:/bin`, HOME: inputs, OUTPUT_DIR: outputDir }, timeout: 60_000 });
    const result = { stdout: run.stdout, stderr: run.stderr, return_code: run.status ?? 1 };
    const returned = readdirSync(outputDir)
      .filter((name) => lstatSync(join(outputDir, name)).isFile())
      .map((name) => {
        const content = readFileSync(join(outputDir, name));
        const id = `file_out${nextFileNumber(fake)}`;
        fake.files.set(id, { filename: name, bytes: content.length, content, deleted: false, downloadable: true });
        return { type: options.legacy ? 'code_execution_output' : 'bash_code_execution_output', file_id: id };
      });
    rmSync(outputDir, { recursive: true, force: true });
    const resultBlock = options.legacy
      ? { type: 'code_execution_tool_result', tool_use_id: toolUse.id, content: { type: 'code_execution_result', ...result, content: returned } }
      : { type: 'bash_code_execution_tool_result', tool_use_id: toolUse.id, content: { type: 'bash_code_execution_result', ...result, content: returned } };
    const blocks = body.messages.length > 1 ? [resultBlock] : [toolUse, resultBlock];
    return message([...blocks, { type: 'text', text: 'Done.' }], { container });
  } finally {
    rmSync(inputs, { recursive: true, force: true });
  }
}

/** A fresh number for a file code execution returned. */
function nextFileNumber(fake: FakeAnthropic): number {
  return fake.files.size + 1;
}

/** What a user's hypothesis looks like in the prompt: the JSON line after its heading. */
export function hypothesis(body: any): { type: string; description: string; columns: string[] } {
  const prompt = messageText(body).split('\n');
  return JSON.parse(prompt[prompt.indexOf('The hypothesis to test (data given by the user):') + 1]!);
}

/** A correct missing_values script, the way a careful model would write it. */
export function missingValuesScript(columns: string[]) {
  return `
import json
import pandas as pd

df = pd.read_csv("data.csv")
columns = ${JSON.stringify(columns)}
missing = [c for c in columns if c not in df.columns]
if missing:
    raise SystemExit("missing columns: %s" % missing)
mask = df[columns].isna().any(axis=1)
n = int(mask.sum())
print(json.dumps({
    "issue_type": "missing_values",
    "columns": columns,
    "rows_analyzed": int(len(df)),
    "affected_count": n,
    "affected_percentage": (n / len(df) * 100) if len(df) else 0.0,
    "affected_rows": [int(i) for i in df.index[mask][:10]],
    "missing_count": n,
    "missing_by_column": {c: int(df[c].isna().sum()) for c in columns},
}))
`;
}
