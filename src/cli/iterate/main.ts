import { Command, InvalidArgumentError, Option } from 'commander';
import { ApiClient } from './client';
import { detect, investigate } from './commands';
import { EXIT, parseFailOn } from './outcome';

const DEFAULT_SERVER = 'http://localhost:4000/graphql';

function positiveInteger(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of at least 1');
  return n;
}

function failOn(text: string) {
  try {
    return parseFailOn(text);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

/** The `iterate` command line: a batch client of an Iterate Investigator server. */
export function program(run: (work: () => Promise<number>) => void): Command {
  const cli = new Command('iterate')
    .description('Checks data-quality hypotheses about CSV files on an Iterate Investigator server.')
    .addOption(new Option('--server <url>', 'the GraphQL endpoint').env('ITERATE_SERVER').default(DEFAULT_SERVER))
    .addOption(new Option('--token <token>', 'an API token (npm run tokens -- create)').env('ITERATE_TOKEN'))
    .showHelpAfterError()
    .addHelpText(
      'after',
      `
Exit codes: ${EXIT.ok} all went as --fail-on wants, ${EXIT.error} an error (bad input, server unreachable),
${EXIT.failed} an investigation failed, ${EXIT.refuted} a hypothesis was refuted, ${EXIT.inconclusive} a verdict was inconclusive.`,
    );
  const api = () => {
    const { server, token } = cli.opts<{ server: string; token?: string }>();
    return new ApiClient(server, token ?? null);
  };

  cli
    .command('investigate')
    .description('uploads the CSV (or finds it on the server by its SHA-256), investigates the issues and prints the results')
    .argument('<csv>', 'the CSV file')
    .requiredOption('-i, --issues <file>', 'the issues, as JSON: a list, or what `iterate detect` writes')
    .option('-o, --output <file>', 'also write the results to this file (CSV when it ends in .csv, else JSON)')
    .addOption(new Option('--format <format>', 'the output file format, whatever its name').choices(['json', 'csv']))
    .addOption(new Option('--codegen <mode>', 'how code is written').choices(['AUTO', 'TEMPLATE', 'LLM']))
    .option('--concurrency <n>', 'investigations at once', positiveInteger)
    .option('--label <label>', "the run's name in lists")
    .option('--no-charts', "the templates draw no charts (default: the server's CHARTS)")
    .option('--fail-on <kinds>', 'exit non-zero when an investigation is one of: failed, refuted, inconclusive (comma-separated), or none', failOn, parseFailOn('failed,refuted'))
    .option('--no-progress', 'no progress on stderr')
    .action((csv: string, options) => run(() => investigate(api(), csv, options)));

  cli
    .command('detect')
    .description("uploads the CSV (or finds it) and prints the server's hypotheses about it as an issues file to edit")
    .argument('<csv>', 'the CSV file')
    .option('-o, --output <file>', 'write the issues file here instead of stdout')
    .action((csv: string, options) => run(() => detect(api(), csv, options)));

  return cli;
}

/** Runs the command line: errors are printed as one line on stderr, with exit code 1, never a stack trace. */
export async function main(argv: string[]) {
  let work: (() => Promise<number>) | null = null;
  await program((w) => (work = w)).parseAsync(argv);
  if (!work) return;
  try {
    process.exitCode = await (work as () => Promise<number>)();
  } catch (err) {
    process.stderr.write(`iterate: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = EXIT.error;
  }
}
