import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ISSUE_TYPES } from '../issueTypes';
import type { CodeGenerator, CodeRequest, GeneratedCode } from '../types';

const templateDir = join(dirname(fileURLToPath(import.meta.url)), 'templates');
const read = (name: string) => readFileSync(join(templateDir, name), 'utf8');

/**
 * Code from the built-in pandas templates: a header with the issue as data, the shared prelude, and the
 * type's body. The script is self-contained, so a user can read, edit and rerun it.
 */
export class TemplateCodeGenerator implements CodeGenerator {
  readonly method = 'TEMPLATE' as const;
  private readonly prelude = read('prelude.py');
  private readonly bodies = new Map(ISSUE_TYPES.map((t) => [t.type, read(`${t.type}.py`)]));

  supports(type: string): boolean {
    return this.bodies.has(type);
  }

  async generate({ issue }: CodeRequest): Promise<GeneratedCode> {
    const body = this.bodies.get(issue.type);
    if (!body) throw new Error(`There is no template for issue type "${issue.type}"`);
    const params = JSON.stringify({ type: issue.type, columns: issue.affectedColumns, description: issue.description, options: issue.options ?? {} });
    const code = [
      `# Iterate Investigator: the "${issue.type}" template, run over the whole dataset (data.csv).`,
      `# It prints one JSON object, the result, as the last line of its output.`,
      this.prelude.trimEnd(),
      '',
      '',
      `ISSUE = json.loads(${JSON.stringify(params)})`,
      '',
      body.trimEnd(),
      '',
    ].join('\n');
    return { code, method: this.method };
  }
}
