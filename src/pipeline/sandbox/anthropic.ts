import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import Anthropic, { toFile } from '@anthropic-ai/sdk';
import type { Db } from '../../db/client';
import { filesUploadedBefore, forgetUploadedFile, recordUploadedFile, uploadedFile } from '../../db/stores/anthropicFileStore';
import type { LlmUsage } from '../../db/schema';
import { addUsage, LlmUnavailableError, usageOf, type LlmGateway } from '../../llm/gateway';
import type { Logger } from '../../logger';
import type { DatasetRef, ExecutionRequest, ExecutionResult, Sandbox, SandboxAvailability } from '../types';

export interface AnthropicSandboxSettings {
  /** The model that drives the code execution tool. */
  model: string;
  /** The tool version, e.g. code_execution_20250825. */
  tool: string;
  timeoutMs: number;
  outputLimitBytes: number;
  /** Uploaded datasets are deleted this long after upload (0: right after each script). */
  fileRetentionMs: number;
}

const MAX_CONTINUATIONS = 8;
const MAX_TOKENS = 2048;
const CONTAINERS_KEPT = 256;

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
  private readonly containers = new Map<string, string>();
  private capability: Promise<SandboxAvailability> | null = null;
  private readonly uploading = new Map<string, Promise<string>>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly gateway: LlmGateway,
    private readonly db: Db,
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
    const result = (partial: Partial<ExecutionResult>): ExecutionResult => ({
      exitCode: null,
      signal: null,
      stdout: '',
      stderr: '',
      stdoutTruncated: false,
      stderrTruncated: false,
      timedOut: false,
      cancelled: request.signal.aborted,
      durationMs: performance.now() - started,
      ...partial,
    });
    let scriptFileId: string | null = null;
    let usage: LlmUsage | null = null;
    try {
      const datasetFile = await this.datasetFile(request.dataset, request.signal);
      const scriptName = `iv-script-${createHash('sha256').update(request.code).digest('hex').slice(0, 16)}.py`;
      const script = await toFile(Buffer.from(request.code), scriptName, { type: 'text/x-python' });
      scriptFileId = (
        await this.gateway.call('the script upload', (client) => client.files.upload({ file: script }, { signal: request.signal }), request.signal)
      ).id;
      const run = await this.converse(request, datasetFile, { id: scriptFileId, name: scriptName });
      usage = run.usage;
      return result({ ...run.outcome, usage });
    } catch (err) {
      if (request.signal.aborted) return result({ cancelled: true, usage });
      if (err instanceof LlmUnavailableError) return result({ failure: { message: err.message, codeMayFix: false }, usage });
      throw err;
    } finally {
      if (scriptFileId) void this.deleteFile(scriptFileId);
      if (this.settings.fileRetentionMs === 0) void this.deleteExpiredFiles();
    }
  }

  /** Asks Claude to run the command, continuing paused turns, and reads the tool's result. */
  private async converse(request: ExecutionRequest, dataset: { id: string; name: string }, script: { id: string; name: string }) {
    const seconds = Math.max(1, Math.ceil(this.settings.timeoutMs / 1000));
    const command =
      `d=$(mktemp -d) && cd "$d" && ln -s "$(find / -path /proc -prune -o -type f -name '${dataset.name}' -print 2>/dev/null | head -n1)" data.csv && ` +
      `timeout ${seconds} python3 "$(find / -path /proc -prune -o -type f -name '${script.name}' -print 2>/dev/null | head -n1)"`;
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
    let container = request.runId ? this.containers.get(request.runId) : undefined;
    let usage: LlmUsage | null = null;
    for (let turn = 0; turn <= MAX_CONTINUATIONS; turn++) {
      const response = await this.create(messages, container, request.signal).catch(async (err: unknown) => {
        // A container from earlier in the run that expired: start a new one.
        if (!container || !(err instanceof LlmUnavailableError) || (err.status !== 400 && err.status !== 404)) throw err;
        this.logger.info({ container }, 'container no longer usable: starting a new one');
        container = undefined;
        return this.create(messages, undefined, request.signal);
      });
      usage = addUsage(usage, usageOf(this.settings.model, response.usage));
      if (response.container?.id) {
        container = response.container.id;
        if (request.runId) this.remember(request.runId, container);
      }
      const outcome = toolOutcome(response.content, this.settings.outputLimitBytes);
      if (outcome) return { outcome, usage };
      if (response.stop_reason !== 'pause_turn') {
        return {
          outcome: { failure: { message: `Claude did not run the script (stop reason: ${response.stop_reason})`, codeMayFix: false } },
          usage,
        };
      }
      messages.push({ role: 'assistant', content: response.content as Anthropic.ContentBlockParam[] });
    }
    return { outcome: { failure: { message: `The code execution did not finish within ${MAX_CONTINUATIONS} continued turns`, codeMayFix: false } }, usage };
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

  private remember(runId: string, container: string) {
    this.containers.delete(runId);
    this.containers.set(runId, container);
    if (this.containers.size > CONTAINERS_KEPT) this.containers.delete(this.containers.keys().next().value!);
  }

  /** The dataset's file id: uploaded once per dataset, reused until the retention period ends. */
  private async datasetFile(dataset: DatasetRef, signal: AbortSignal): Promise<{ id: string; name: string }> {
    const name = `iv-${dataset.id}.csv`;
    const stored = uploadedFile(this.db, dataset.id);
    if (stored && Date.now() - stored.uploadedAt.getTime() < Math.max(this.settings.fileRetentionMs, 60_000)) return { id: stored.fileId, name };
    let uploading = this.uploading.get(dataset.id);
    if (!uploading) {
      uploading = (async () => {
        if (stored) await this.deleteFile(stored.fileId);
        const retentionSeconds = Math.round(this.settings.fileRetentionMs / 1000);
        const upload = await toFile(createReadStream(dataset.path), name, { type: 'text/csv' });
        const file = await this.gateway.call(
          'the dataset upload',
          (client) =>
            client.files.upload(
              {
                file: upload,
                ...(retentionSeconds >= 3600 ? { expires_in_seconds: Math.min(retentionSeconds + 3600, 7_776_000) } : {}),
              },
              { signal },
            ),
          signal,
        );
        recordUploadedFile(this.db, dataset.id, file.id);
        this.logger.info({ datasetId: dataset.id, fileId: file.id, file: basename(dataset.path) }, 'dataset uploaded for code execution');
        return file.id;
      })().finally(() => this.uploading.delete(dataset.id));
      this.uploading.set(dataset.id, uploading);
    }
    return { id: await uploading, name };
  }

  /** Deletes uploaded datasets past ANTHROPIC_FILE_RETENTION_HOURS. */
  private async deleteExpiredFiles() {
    for (const file of filesUploadedBefore(this.db, new Date(Date.now() - this.settings.fileRetentionMs))) {
      forgetUploadedFile(this.db, file.fileId);
      await this.deleteFile(file.fileId);
    }
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

/** The last code execution result in a response (bash, or the legacy Python tool), as an execution outcome. */
function toolOutcome(content: unknown[], outputLimit: number): Partial<ExecutionResult> | null {
  const results = (content as Block[]).filter((b) => b.type === 'bash_code_execution_tool_result' || b.type === 'code_execution_tool_result');
  const last = results.at(-1);
  if (!last) return null;
  const body = (last.content ?? {}) as Block;
  if (body.type === 'bash_code_execution_result' || body.type === 'code_execution_result') {
    const stdout = String(body.stdout ?? '');
    const stderr = String(body.stderr ?? '');
    const code = Number(body.return_code);
    return {
      exitCode: code === 124 ? null : code,
      timedOut: code === 124,
      stdout: stdout.slice(-outputLimit),
      stderr: stderr.slice(-1024 * 1024),
      stdoutTruncated: stdout.length > outputLimit,
      stderrTruncated: stderr.length > 1024 * 1024,
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
