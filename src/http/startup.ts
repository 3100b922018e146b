/**
 * Start-up failures as one line that says what failed and, where it can, what to do: no stack trace.
 */
export class StartupError extends Error {}

/** Runs one step of the start-up; a failure names the step (`loading SEED_DATASET x.csv: ENOENT …`). */
export async function startupStep<T>(what: string, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw new StartupError(`${what}: ${messageOf(err)}`, { cause: err });
  }
}

/** Why the server could not listen, and which setting changes it. */
export function listenFailure(err: NodeJS.ErrnoException, port: number, host: string): StartupError {
  const where = `${host}:${port}`;
  switch (err.code) {
    case 'EADDRINUSE':
      return new StartupError(`port ${port} is already in use (${where}): stop what uses it or choose another port with PORT (PORT=0 picks a free one)`);
    case 'EACCES':
      return new StartupError(`no permission to listen on port ${port} (${where}): choose a port from 1024 up with PORT`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new StartupError(`HOST ${host} is not an address of this machine: set HOST (127.0.0.1, or 0.0.0.0 for every interface)`);
    default:
      return new StartupError(`cannot listen on ${where}: ${messageOf(err)}`);
  }
}

/** The one line printed when the server cannot start. */
export function startupFailureLine(err: unknown): string {
  const what = err instanceof StartupError ? err.message : `start-up failed: ${messageOf(err)}`;
  return `Cannot start the server: ${what}`;
}

function messageOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/\s*\n\s*/g, ' ').trim();
}
