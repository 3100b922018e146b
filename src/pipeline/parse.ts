export type ParseOutcome = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

/** Reads a script's result from its stdout (parseLastJsonLine), wherever that runs. */
export type ResultParser = (stdout: string) => Promise<ParseOutcome>;

const PARSE_ON_THE_SPOT_BELOW = 256 * 1024;

/**
 * Outputs under 256 KB (every template's) are parsed on the spot; larger ones by `elsewhere` (a worker
 * thread in the app: a 16 MB line with NaN in it takes ~0.5 s, which the event loop must not spend).
 */
export function resultParser(elsewhere?: ResultParser): ResultParser {
  return async (stdout) => (elsewhere && stdout.length >= PARSE_ON_THE_SPOT_BELOW ? elsewhere(stdout) : parseLastJsonLine(stdout));
}

/**
 * The result is the last line of stdout that holds a JSON object. Bare NaN and Infinity (what Python's
 * json.dumps writes by default) are read as null rather than failing the whole investigation.
 */
export function parseLastJsonLine(stdout: string): ParseOutcome {
  const lines = stdout.split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (!line.startsWith('{') || !line.endsWith('}')) continue;
    const value = tryParse(line) ?? tryParse(withoutNonFiniteNumbers(line));
    if (value !== undefined) return { ok: true, value };
  }
  return {
    ok: false,
    error: stdout.trim() ? 'The script printed no line holding a JSON object' : 'The script printed nothing on stdout',
  };
}

function tryParse(line: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(line);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Replaces NaN, Infinity and -Infinity outside strings with null, in one pass: a regex alternation over
 * strings took quadratic time on a line of many escaped quotes with no closing one (120 KB: 6.9 s).
 */
function withoutNonFiniteNumbers(line: string): string {
  let out = '';
  let copied = 0;
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    const token = line.startsWith('-Infinity', i) ? '-Infinity' : line.startsWith('Infinity', i) ? 'Infinity' : line.startsWith('NaN', i) ? 'NaN' : null;
    if (token) {
      out += `${line.slice(copied, i)}null`;
      i += token.length - 1;
      copied = i + 1;
    }
  }
  return out + line.slice(copied);
}
