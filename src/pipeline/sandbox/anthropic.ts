import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type Anthropic from '@anthropic-ai/sdk';
import type { LlmUsage } from '../../db/schema';
import type { Store } from '../../db/store';
import { addUsage, LlmUnavailableError, usageOf, type LlmGateway } from '../../llm/gateway';
import type { Logger } from '../../logger';
import type { DatasetRef, DroppedFile, ExecutionRequest, ExecutionResult, OutputFile, Sandbox, SandboxAvailability } from '../types';
import { emptyExecution } from './executionResult';
import { ALLOWED_IMPORTS } from './allowlist';
import { APP_FILES } from './bwrap';
import { byCodePoint } from '../../util/text';
import { droppedFile, OUTPUT_DIR, type DropCode, type OutputLimits } from './outputFiles';

export interface AnthropicSandboxSettings {
  /** The model that drives the code execution tool. */
  model: string;
  /** The tool version, e.g. code_execution_20250825. */
  tool: string;
  timeoutMs: number;
  outputLimitBytes: number;
  /** The files (charts) kept from each script's output directory. */
  outputFiles: OutputLimits;
  /** Uploaded datasets are deleted this long after upload (0: right after each script). */
  fileRetentionMs: number;
}

const MAX_CONTINUATIONS = 8;
const MAX_TOKENS = 2048;
const CONTAINERS_KEPT = 256;
/** The command's exit code when an uploaded file is not in the container. */
const FILE_MISSING_EXIT = 97;
const GUARD_SOURCE = APP_FILES.guard.content.toString('utf8').split('if __name__ == "__main__":')[0]!;

/**
 * The file uploaded for a script: guard.py's import check, then the script itself as a string, so that
 * the allowlist holds remotely too and the code runs exactly as given.
 */
function guardedScript(code: string): string {
  return [
    GUARD_SOURCE.trimEnd(),
    '',
    `_compiled = compile_checked(${JSON.stringify(code)}, frozenset(${JSON.stringify(ALLOWED_IMPORTS)}))`,
    'sys.argv = ["script.py"]',
    'exec(_compiled, {"__name__": "__main__", "__builtins__": __builtins__})',
    '',
  ].join('\n');
}

/** Resolves as `work` does, or rejects when `signal` aborts first (the work itself goes on for others). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Errors of the code execution tool: what each means for the investigation. */
const TOOL_ERRORS: Record<string, { message: string; codeMayFix: boolean; timedOut?: boolean }> = {
  execution_time_exceeded: { message: 'The script ran past the code execution tool\'s time limit', codeMayFix: true, timedOut: true },
  output_file_too_large: { message: 'The script wrote an output file larger than the code execution tool allows', codeMayFix: true },
  unavailable: { message: "Anthropic's code execution tool is unavailable", codeMayFix: false },
  too_many_requests: { message: "Anthropic's code execution tool is rate-limited (too many requests)", codeMayFix: false },
  invalid_tool_input: { message: 'The code execution tool refused its input', codeMayFix: false },
};

/**
 * Anthropic's code execution tool as a sandbox. The API takes no code directly: the dataset (once per
 * dataset, reused while it lives) and the script are uploaded with the Files API and attached as
 * `container_upload` blocks, and Claude is asked to run one bash command verbatim. stdout, stderr and the
 * exit code come from the tool's result block; `pause_turn` is continued in the same container, and one
 * container serves a whole run.
 */
export class AnthropicSandbox implements Sandbox {
  readonly name = "Anthropic's code execution";
  /** Per run, the container its first script started (undefined when it got none). */
  private readonly containers = new Map<string, Promise<string | undefined>>();
  private capability: Promise<SandboxAvailability> | null = null;
  private readonly uploading = new Map<string, Promise<string>>();
  /** Scripts using each dataset's uploaded file now: it is not deleted under them. */
  private readonly inUse = new Map<string, number>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly gateway: LlmGateway,
    private readonly store: Store,
    private readonly settings: AnthropicSandboxSettings,
    private readonly logger: Logger,
  ) {
    this.sweeper = setInterval(() => void this.deleteExpiredFiles(), Math.max(60_000, Math.min(3600_000, settings.fileRetentionMs))).unref();
  }

  /** Whether the model can use the code execution tool, as GET /v1/models/{id} says (checked once). */
  availability(): Promise<SandboxAvailability> {
    this.capability ??= this.gateway
      .call('the model check', (client) => client.models.retrieve(this.settings.model))
      .then((info): SandboxAvailability => {
        const tools = (info as { capabilities?: { server_tools?: { code_execution?: { supported?: boolean } } } }).capabilities?.server_tools;
        const supported = tools?.code_execution?.supported;
        if (supported === false) {
          return { available: false, reason: `The model ${this.settings.model} does not support the code execution tool (CODEGEN_MODEL)` };
        }
        return { available: true, details: { model: this.settings.model, tool: this.settings.tool, capabilityChecked: supported === true } };
      })
      .catch((err: unknown): SandboxAvailability => {
        // The API may not expose capabilities for every model: assume support and let a run say otherwise.
        this.capability = null;
        return { available: true, details: { model: this.settings.model, tool: this.settings.tool, capabilityChecked: false, checkError: String((err as Error).message) } };
      });
    return this.capability;
  }

  async dispose() {
    clearInterval(this.sweeper);
  }

  async execute(request: ExecutionRequest): Promise<ExecutionResult> {
    const started = performance.now();
    const spent = { usage: null as LlmUsage | null };
    const result = (partial: Partial<ExecutionResult>): ExecutionResult =>
      emptyExecution({
        cancelled: request.signal.aborted,
        durationMs: performance.now() - started,
        usage: spent.usage,
        ...partial,
      });
    const datasetId = request.dataset.id;
    this.inUse.set(datasetId, (this.inUse.get(datasetId) ?? 0) + 1);
    let scriptFileId: string | null = null;
    try {
      const script = await this.gateway.sdk.toFile(Buffer.from(guardedScript(request.code)), `iv-script-${createHash('sha256').update(request.code).digest('hex').slice(0, 16)}.py`, {
        type: 'text/x-python',
      });
      const uploaded = await this.gateway.call(
        'the script upload',
        (client) => client.files.upload({ file: script, expires_in_seconds: 3600 }, { signal: request.signal }),
        request.signal,
      );
      scriptFileId = uploaded.id;
      for (let tries = 0; ; tries++) {
        const dataset = await this.datasetFile(request.dataset, request.signal);
        const outcome = await this.converse(request, dataset, { id: uploaded.id, name: script.name }, spent).catch((err: unknown) => {
          // The stored dataset file is gone on the API's side (deleted elsewhere, expired): upload it again, once.
          if (tries === 0 && err instanceof LlmUnavailableError && (err.status === 400 || err.status === 404) && /file/i.test(err.message)) return null;
          throw err;
        });
        if (outcome && !(outcome.exitCode === FILE_MISSING_EXIT && tries === 0)) {
          if (outcome.exitCode === FILE_MISSING_EXIT) {
            return result({ failure: { message: 'The uploaded dataset or script was not found in the code execution container', codeMayFix: false } });
          }
          const { fileIds, leftOut, ...execution } = outcome;
          const returned = await this.outputFiles(fileIds ?? [], request.signal);
          const droppedFiles = [...(leftOut ?? []), ...returned.droppedFiles].sort((a, b) => byCodePoint(a.name, b.name));
          return result({ ...execution, files: returned.files, droppedFiles });
        }
        this.logger.info({ datasetId }, 'uploaded dataset missing on the API side: uploading it again');
        await this.store.anthropicFiles.forget(dataset.id);
      }
    } catch (err) {
      if (request.signal.aborted) return result({ cancelled: true });
      if (err instanceof LlmUnavailableError) return result({ failure: { message: err.message, codeMayFix: false } });
      throw err;
    } finally {
      this.inUse.set(datasetId, (this.inUse.get(datasetId) ?? 1) - 1);
      if (this.inUse.get(datasetId) === 0) this.inUse.delete(datasetId);
      if (scriptFileId) void this.deleteFile(scriptFileId);
      if (this.settings.fileRetentionMs === 0) void this.deleteExpiredFiles();
    }
  }

  /**
   * The part of the command that hands the script's files to the tool: the entries of output/ in code-point
   * order (LC_ALL=C; dot files included), as the local sandboxes read them; at most SANDBOX_OUTPUT_FILES
   * regular files, none larger than SANDBOX_OUTPUT_FILE_BYTES, are copied to $OUTPUT_DIR (the tool returns
   * those as file ids), and each other entry is named on stderr after `mark` (`<mark> <code> <bytes> <name>`,
   * a newline in a name as ?), so that a script writing thousands of files costs no more API calls than the
   * files kept.
   */
  private copyOutputFiles(mark: string): string {
    const { maxFiles, maxFileBytes } = this.settings.outputFiles;
    const leftOut = (code: DropCode, size: string) => `printf '\\n%s %s %s %s\\n' ${mark} ${code} ${size} "$name" >&2;`;
    return (
      `export LC_ALL=C; shopt -s dotglob nullglob; n=0; for f in ${OUTPUT_DIR}/*; do name="\${f#${OUTPUT_DIR}/}"; name="\${name//$'\\n'/?}"; ` +
      `if [ ! -f "$f" ] || [ -L "$f" ]; then ${leftOut('not_a_file', '0')} continue; fi; b=$(stat -c %s "$f"); ` +
      `if [ $n -ge ${maxFiles} ]; then ${leftOut('too_many', '"$b"')} ` +
      `elif [ "$b" -gt ${maxFileBytes} ]; then ${leftOut('too_large', '"$b"')} ` +
      `elif [ -n "$OUTPUT_DIR" ]; then n=$((n+1)); cp "$f" "$OUTPUT_DIR/"; fi; done;`
    );
  }

  /** Asks Claude to run the command, continuing paused turns, and reads the tool's result. */
  private async converse(
    request: ExecutionRequest,
    dataset: { id: string; name: string },
    script: { id: string; name: string },
    spent: { usage: LlmUsage | null },
  ): Promise<ToolOutcome> {
    const seconds = Math.max(1, Math.ceil(this.settings.timeoutMs / 1000));
    const locate = (name: string) => `$(find / -path /proc -prune -o -type f -name '${name}' -print 2>/dev/null | head -n1)`;
    // Unique to this command, so that nothing the script writes on stderr passes for the command's own lines.
    const leftOutMark = `ITERATE_OUTPUT_LEFT_OUT_${randomUUID().replaceAll('-', '')}`;
    const command =
      `data=${locate(dataset.name)}; script=${locate(script.name)}; ` +
      `{ [ -n "$data" ] && [ -n "$script" ]; } || exit ${FILE_MISSING_EXIT}; ` +
      `d=$(mktemp -d) && cd "$d" && ln -s "$data" data.csv && mkdir ${OUTPUT_DIR} && ` +
      // The tool returns the files at the top of $OUTPUT_DIR: the script's regular files in output/ go there.
      `{ timeout ${seconds} python3 -I -B "$script"; s=$?; ${this.copyOutputFiles(leftOutMark)} exit $s; }`;
    const messages: Anthropic.MessageParam[] = [
      {
        role: 'user',
        content: [
          {
            type: 'text',
            text:
              'Run exactly this one bash command with the code execution tool, verbatim and once. Do not read, change, fix or ' +
              'rerun the script, and do not explain anything: the caller reads the tool result only.\n\n' +
              `<command>\n${command}\n</command>`,
          },
          { type: 'container_upload', file_id: dataset.id },
          { type: 'container_upload', file_id: script.id },
        ],
      },
    ];
    // The run's first script starts its container; the others wait for it, then share it.
    let claimed: ((id: string | undefined) => void) | null = null;
    let container: string | undefined;
    if (request.runId) {
      const existing = this.containers.get(request.runId);
      if (existing) container = await untilAborted(existing, request.signal);
      else this.remember(request.runId, new Promise((resolve) => (claimed = resolve)));
    }
    try {
      for (let turn = 0; turn <= MAX_CONTINUATIONS; turn++) {
        const response = await this.create(messages, container, request.signal).catch(async (err: unknown) => {
          // The run's container expired: start a new one (only before this script has used it).
          if (turn > 0 || !container || !(err instanceof LlmUnavailableError) || !/container/i.test(err.message)) throw err;
          this.logger.info({ container }, 'container no longer usable: starting a new one');
          container = undefined;
          return this.create(messages, undefined, request.signal);
        });
        spent.usage = addUsage(spent.usage, usageOf(this.settings.model, response.usage));
        if (response.container?.id && response.container.id !== container) {
          container = response.container.id;
          if (request.runId) {
            if (claimed) (claimed as (id: string | undefined) => void)(container);
            else this.remember(request.runId, Promise.resolve(container));
          }
        }
        const outcome = toolOutcome(response.content, command, this.settings.outputLimitBytes, { mark: leftOutMark, limits: this.settings.outputFiles });
        if (outcome) return outcome;
        if (response.stop_reason !== 'pause_turn') {
          return { failure: { message: `Claude did not run the script (stop reason: ${response.stop_reason})`, codeMayFix: false } };
        }
        messages.push({ role: 'assistant', content: response.content as Anthropic.ContentBlockParam[] });
      }
      return { failure: { message: `The code execution did not finish within ${MAX_CONTINUATIONS} continued turns`, codeMayFix: false } };
    } finally {
      if (claimed) (claimed as (id: string | undefined) => void)(container);
    }
  }

  private create(messages: Anthropic.MessageParam[], container: string | undefined, signal: AbortSignal) {
    return this.gateway.call(
      'code execution',
      (client) =>
        client.messages.create(
          {
            model: this.settings.model,
            max_tokens: MAX_TOKENS,
            messages,
            tools: [{ type: this.settings.tool, name: 'code_execution' } as Anthropic.ToolUnion],
            ...(container ? { container } : {}),
          },
          { signal },
        ),
      signal,
    );
  }

  private remember(runId: string, container: Promise<string | undefined>) {
    this.containers.delete(runId);
    this.containers.set(runId, container);
    if (this.containers.size > CONTAINERS_KEPT) this.containers.delete(this.containers.keys().next().value!);
  }

  /** The dataset's file id: uploaded once per dataset, reused until the retention period ends. */
  private async datasetFile(dataset: DatasetRef, signal: AbortSignal): Promise<{ id: string; name: string }> {
    const name = `iv-${dataset.id}.csv`;
    const stored = await this.store.anthropicFiles.of(dataset.id);
    if (stored && Date.now() - stored.uploadedAt.getTime() < Math.max(this.settings.fileRetentionMs, 60_000)) return { id: stored.fileId, name };
    let uploading = this.uploading.get(dataset.id);
    if (!uploading) {
      // Shared by every script waiting for this dataset: not tied to the first one's cancellation.
      uploading = (async () => {
        if (stored) await this.deleteFile(stored.fileId);
        const retentionSeconds = Math.round(this.settings.fileRetentionMs / 1000);
        const upload = await this.gateway.sdk.toFile(createReadStream(dataset.path), name, { type: 'text/csv' });
        const file = await this.gateway.call(
          'the dataset upload',
          (client) =>
            client.files.upload(
              {
                file: upload,
                expires_in_seconds: Math.min(Math.max(retentionSeconds + 3600, 3600), 7_776_000),
              },
            ),
        );
        await this.store.anthropicFiles.record(dataset.id, file.id);
        this.logger.info({ datasetId: dataset.id, fileId: file.id, file: basename(dataset.path) }, 'dataset uploaded for code execution');
        return file.id;
      })().finally(() => this.uploading.delete(dataset.id));
      this.uploading.set(dataset.id, uploading);
    }
    return { id: await untilAborted(uploading, signal), name };
  }

  /** Deletes uploaded datasets past ANTHROPIC_FILE_RETENTION_HOURS. */
  private async deleteExpiredFiles() {
    for (const file of await this.store.anthropicFiles.uploadedBefore(new Date(Date.now() - this.settings.fileRetentionMs))) {
      if (this.inUse.has(file.datasetId) || this.uploading.has(file.datasetId)) continue;
      await this.store.anthropicFiles.forget(file.fileId);
      await this.deleteFile(file.fileId);
    }
  }

  /**
   * The files the script saved (the tool returns them as file ids): within SANDBOX_OUTPUT_FILES and
   * SANDBOX_OUTPUT_FILE_BYTES, in name order, as the local sandboxes read them; each is deleted from the
   * API's storage once read (files there are the whole workspace's).
   */
  private async outputFiles(fileIds: string[], signal: AbortSignal): Promise<{ files: OutputFile[]; droppedFiles: DroppedFile[] }> {
    const limits = this.settings.outputFiles;
    const described = [];
    for (const id of fileIds) {
      const meta = await this.gateway.call('an output file', (client) => client.files.retrieveMetadata(id, null, { signal }), signal);
      described.push({ id, name: basename(meta.filename), size: meta.size_bytes });
    }
    described.sort((a, b) => byCodePoint(a.name, b.name));
    const files = [];
    const droppedFiles = [];
    try {
      for (const file of described) {
        if (files.length >= limits.maxFiles) droppedFiles.push(droppedFile(file.name, 'too_many', limits));
        else if (file.size > limits.maxFileBytes) droppedFiles.push(droppedFile(file.name, 'too_large', limits, file.size));
        else {
          const response = await this.gateway.call('an output file download', (client) => client.files.download(file.id, null, { signal }), signal);
          files.push({ name: file.name, data: Buffer.from(await response.arrayBuffer()) });
        }
      }
    } finally {
      for (const file of described) void this.deleteFile(file.id);
    }
    return { files, droppedFiles };
  }

  private async deleteFile(fileId: string) {
    try {
      await this.gateway.call('a file deletion', (client) => client.files.delete(fileId));
    } catch (err) {
      this.logger.warn({ fileId, err: String((err as Error).message) }, 'could not delete an uploaded file');
    }
  }
}

type Block = { type: string; content?: unknown; [key: string]: unknown };

/**
 * The result of the command in a response (bash, or the legacy Python tool), as an execution outcome:
 * the result of the tool call that ran the command, else the last result (Claude may reformat it).
 */
/** What the tool answered: the execution, and the ids of the files it returned (the script's output/). */
type ToolOutcome = Partial<ExecutionResult> & { fileIds?: string[]; leftOut?: DroppedFile[] };

/**
 * The command's left-out lines (copyOutputFiles) read off the script's stderr, and the stderr the script
 * itself wrote. Each line starts on a line of its own (a newline first: the script's last line may lack one),
 * which is taken out with it.
 */
function leftOutFiles(stderr: string, { mark, limits }: LeftOutReading): { stderr: string; leftOut: DroppedFile[] } {
  const line = new RegExp(`\\n${mark} (too_many|too_large|not_a_file) (\\d+) ([^\\n]*)(?:\\n|$)`, 'g');
  const leftOut = [...stderr.matchAll(line)].map(([, code, size, name]) => droppedFile(name!, code as DropCode, limits, Number(size)));
  return { stderr: stderr.replace(line, ''), leftOut };
}

interface LeftOutReading {
  mark: string;
  limits: OutputLimits;
}

function toolOutcome(content: unknown[], command: string, outputLimit: number, leftOutReading: LeftOutReading): ToolOutcome | null {
  const blocks = content as Block[];
  const results = blocks.filter((b) => b.type === 'bash_code_execution_tool_result' || b.type === 'code_execution_tool_result');
  const ours = blocks.find((b) => b.type === 'server_tool_use' && (b.input as { command?: string } | undefined)?.command === command);
  const last = results.find((r) => ours && r.tool_use_id === ours.id) ?? results.at(-1);
  if (!last) return null;
  const body = (last.content ?? {}) as Block;
  if (body.type === 'bash_code_execution_result' || body.type === 'code_execution_result') {
    const stdout = String(body.stdout ?? '');
    const { stderr, leftOut } = leftOutFiles(String(body.stderr ?? ''), leftOutReading);
    const code = Number(body.return_code);
    return {
      exitCode: code === 124 ? null : code,
      timedOut: code === 124,
      stdout: stdout.slice(-outputLimit),
      stderr: stderr.slice(-1024 * 1024),
      stdoutTruncated: stdout.length > outputLimit,
      stderrTruncated: stderr.length > 1024 * 1024,
      fileIds: ((body.content ?? []) as Block[]).map((b) => b.file_id).filter((id): id is string => typeof id === 'string'),
      leftOut,
    };
  }
  if (body.type === 'encrypted_code_execution_result') {
    return { failure: { message: 'The code execution result came back encrypted, so its output cannot be read', codeMayFix: false } };
  }
  const code = String(body.error_code ?? 'unknown');
  const known = TOOL_ERRORS[code];
  return {
    timedOut: known?.timedOut ?? false,
    failure: { message: `${known?.message ?? 'The code execution tool failed'} (${code})`, codeMayFix: known?.codeMayFix ?? false },
  };
}
