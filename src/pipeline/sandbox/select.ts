import type { SandboxMode } from '../../db/schema';
import type { Sandbox } from '../types';

export interface Sandboxes {
  local: Sandbox;
  /** Present when Anthropic's code execution tool is configured. */
  remote?: Sandbox;
}

/** Which sandbox runs the code, or why none can. */
export async function selectSandbox(
  mode: SandboxMode,
  sandboxes: Sandboxes,
): Promise<{ sandbox: Sandbox } | { error: string }> {
  const { local, remote } = sandboxes;
  const noRemote = "Anthropic's code execution sandbox is not configured (set ANTHROPIC_API_KEY)";
  if (mode === 'ANTHROPIC') {
    if (!remote) return { error: noRemote };
    const state = await remote.availability();
    return state.available ? { sandbox: remote } : { error: `Anthropic's code execution sandbox is unavailable: ${state.reason}` };
  }
  const state = await local.availability();
  if (state.available) return { sandbox: local };
  if (mode === 'AUTO' && remote && (await remote.availability()).available) return { sandbox: remote };
  return { error: `The local sandbox is unavailable: ${state.reason}` };
}
