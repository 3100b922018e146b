/** The modules generated code may import: checked inside the sandbox before the code runs. */
export const ALLOWED_IMPORTS = [
  'pandas', 'numpy', 'json', 'datetime', 'math', 'statistics', 're', 'collections', 'itertools',
  'functools', 'difflib', 'unicodedata', 'string', 'decimal', 'matplotlib',
] as const;

/** The exit code guard.py uses for a refused import, with `IMPORT_REFUSED ["name", …]` on stderr. */
export const IMPORT_REFUSED_EXIT = 86;

/** The refused imports a sandboxed run reported, if that is why it ended. */
export function refusedImports(exitCode: number | null, stderr: string): string[] | null {
  if (exitCode !== IMPORT_REFUSED_EXIT) return null;
  const match = /^IMPORT_REFUSED (\[.*\])$/m.exec(stderr);
  return match ? (JSON.parse(match[1]!) as string[]) : null;
}
