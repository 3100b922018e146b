import type { CodegenMode } from '../../db/schema';
import type { CodeGenerator } from '../types';

export interface CodeGenerators {
  template: CodeGenerator;
  /** Present when an LLM is configured. */
  llm?: CodeGenerator;
}

/** Which generator writes the code for this issue, or why none can. */
export function selectGenerator(
  mode: CodegenMode,
  issueType: string,
  generators: CodeGenerators,
): { generator: CodeGenerator } | { error: string } {
  const { template, llm } = generators;
  const noLlm = 'no LLM is configured (set ANTHROPIC_API_KEY)';
  switch (mode) {
    case 'TEMPLATE':
      return template.supports(issueType)
        ? { generator: template }
        : { error: `There is no template for issue type "${issueType}" (codegen: TEMPLATE)` };
    case 'LLM':
      return llm ? { generator: llm } : { error: `codegen LLM was requested, but ${noLlm}` };
    case 'HEURISTIC':
      return { error: 'codegen HEURISTIC runs no code' };
    case 'AUTO':
      if (llm) return { generator: llm };
      return template.supports(issueType)
        ? { generator: template }
        : { error: `There is no template for issue type "${issueType}" and ${noLlm}` };
  }
}
