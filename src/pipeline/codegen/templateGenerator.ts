import { readFileSync } from 'node:fs';
import { ISSUE_TYPES, issueTypeModule } from '../../issueTypes/registry';
import { SHARED_RULES } from '../../issueTypes/sharedRules';
import { PII_RULES } from '../redact';
import type { CodeGenerator, CodeRequest, GeneratedCode } from '../types';

const prelude = readFileSync(new URL('../../issueTypes/prelude.py', import.meta.url), 'utf8');

/**
 * Code from the built-in pandas templates: a header with the issue as data (and the names of the options
 * its type reads), the shared prelude, and the type's body. The script is self-contained, so a user can
 * read, edit and rerun it.
 */
export class TemplateCodeGenerator implements CodeGenerator {
  readonly method = 'TEMPLATE' as const;

  /** charts: whether the scripts draw their charts (CHARTS); redactPii: whether their labels are redacted (REDACT_PII). */
  constructor(private readonly options: { charts: boolean; redactPii: boolean } = { charts: true, redactPii: true }) {}

  private readonly bodies = new Map(ISSUE_TYPES.map((t) => [t.type, readFileSync(t.template, 'utf8')]));

  supports(type: string): boolean {
    return this.bodies.has(type);
  }

  async generate({ issue, charts = this.options.charts }: CodeRequest): Promise<GeneratedCode> {
    const body = this.bodies.get(issue.type);
    const module = issueTypeModule(issue.type);
    if (!body || !module) throw new Error(`There is no template for issue type "${issue.type}"`);
    const params = JSON.stringify({
      type: issue.type,
      columns: issue.affectedColumns,
      description: issue.description,
      options: issue.options ?? {},
      option_names: module.options.map((o) => o.name),
      ...module.templateParams?.(issue),
    });
    const code = [
      `# Iterate Investigator: the "${issue.type}" template, run over the whole dataset (data.csv).`,
      `# It prints one JSON object, the result, as the last line of its output.`,
      ...optionLines(module.options),
      'import json',
      '',
      '# The issue, and the rules the service applies alike in Python and TypeScript (src/issueTypes/sharedRules.ts).',
      `ISSUE = json.loads(${JSON.stringify(params)})`,
      `RULES = json.loads(${JSON.stringify(JSON.stringify(SHARED_RULES))})`,
      ...previousLines(issue),
      `CHARTS = ${charts ? 'True' : 'False'}  # draw the charts into output/ (PNG), kept with the result`,
      charts && this.options.redactPii
        ? `PII = json.loads(${JSON.stringify(JSON.stringify(PII_RULES))})  # REDACT_PII: values in chart labels are redacted as in results`
        : 'PII = None  # chart labels show values as they are (REDACT_PII is off, or no charts)',
      '',
      prelude.trimEnd(),
      '',
      '',
      body.trimEnd(),
      '',
    ].join('\n');
    return { code, method: this.method };
  }
}

/** A follow-up's starting point: the investigation it follows up, its issue and result (PREVIOUS). */
function previousLines({ previous }: CodeRequest['issue']): string[] {
  if (!previous) return [];
  const { investigationId, issue, output } = previous;
  return [
    `# This investigation follows up ${investigationId}: PREVIOUS holds that one's issue and result.`,
    `PREVIOUS = json.loads(${JSON.stringify(JSON.stringify({ investigation_id: investigationId, issue: { type: issue.type, description: issue.description, columns: issue.affectedColumns, options: issue.options ?? {} }, output }))})`,
  ];
}

function optionLines(options: (typeof ISSUE_TYPES)[number]['options']): string[] {
  if (!options.length) return ['# This type reads no option: any key given is listed in the result as ignored_options.'];
  return [
    '# Options it reads (ISSUE["options"]; any other key is listed in the result as ignored_options):',
    ...options.map((o) => `#   ${o.name} (${o.type}${o.default == null ? '' : `, default ${JSON.stringify(o.default)}`}): ${o.description.replace(/\s+/g, ' ')}`),
  ];
}
