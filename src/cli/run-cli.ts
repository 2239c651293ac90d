/**
 * The `kql` command line as a plain function of (argv, io), so tests drive it in-process.
 * Commands live in their own files; this one wires them and maps errors to messages and exit codes.
 */
import { Command, CommanderError } from 'commander';
import { KqlError } from '../engine/errors.js';
import { checkCommand } from './check.js';
import { convertCommand } from './convert.js';
import { describeError, exitCodeOf } from './errors.js';
import { runCommand } from './run.js';
import { schemaCommand } from './schema.js';
import { testCommand } from './test-command.js';

export interface CliIo {
  stdout(chunk: string): void;
  stderr(chunk: string): void;
  /** The whole of standard input (the query, when neither an argument nor --file gives it). */
  readStdin(): Promise<string>;
  readonly stdinIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
  /** Standard error is a terminal: progress bars are drawn there, as wide as it is. */
  readonly stderrIsTTY?: boolean;
  readonly stderrColumns?: number;
  /** The terminal width, for the table view. */
  readonly columns?: number;
}

const EXAMPLES = `
Examples:
  $ kql run -f fixtures/queries/malicious-clicks-allowed.kql -t UrlClickEvents=fixtures/tables/UrlClickEvents.csv --now 2026-07-20T12:00:00Z
  $ kql run 'UrlClickEvents | summarize count() by ActionType' -t UrlClickEvents=export.csv --format json
  $ echo 'UrlClickEvents | take 5' | kql run -t UrlClickEvents=export.jsonl
  $ kql check -f hunt.kql -t UrlClickEvents=export.csv --format json
  $ kql schema query_data.csv -t UrlClickEvents
  $ kql convert export.csv clicks.parquet -t UrlClickEvents   (then: kql run … -t UrlClickEvents=clicks.parquet)
  $ kql run "Hunting Queries/End user malicious clicks.yaml" -t UrlClickEvents=export.csv
  $ kql check rules/          (every .yaml rule, against the built-in table schemas)
  $ kql test tests/           (every *.kqltest.yaml case; --update records the results)
`;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The options that say how data files are read, shared by run, check and schema. */
function dataOptions(command: Command): Command {
  return command
    .option('--schema <path>', 'the columns and types of the data, as a JSON file {"columns":[{"name","type"}, …]} (needed for an ADX .export CSV without header)')
    .option('--alias <new=old>', 'give the table a column NEW copying column OLD, e.g. --alias Timestamp=TimeGenerated; repeatable', collect, [])
    .option('--date-order <order>', 'dmy or mdy: the order of portal CSV dates such as 3/10/2024 when no value decides it')
    .option('--tz <zone>', 'the time zone of portal CSV local times ([Local Time], "Local time"): UTC, +01:00 or a name such as Europe/Berlin')
    .option('--skip-bad-rows', 'skip rows with a wrong field count or an unreadable value (reported on stderr) instead of failing');
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  let debug = argv.includes('--debug');
  const program = new Command()
    .name('kql')
    .description('Run Microsoft Defender XDR and Sentinel KQL hunting queries offline, over exported data.')
    .version('0.1.0', '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .addHelpText('after', EXAMPLES);

  dataOptions(program
    .command('run'))
    .description('run a query over data files and print the result')
    .argument('[query]', 'the query text or a rule file (.yaml) (or use --file, or standard input)')
    .option('-f, --file <path>', 'read the query from a file (.kql, or the `query` of a .yaml rule)')
    .option('-t, --table <name=path>', 'bind a table name to a data file or folder (CSV, JSON, JSON lines, .gz, Arrow IPC, Parquet); a bare PATH names the table after the records\' category or the file; repeatable', collect, [])
    .option('--now <iso8601>', 'the instant now() returns, e.g. 2024-03-31T15:00:00Z (default: the clock)')
    .option('--format <format>', 'output format: table, csv, json or ndjson', 'table')
    .option('-o, --output <path>', 'write the result to a file instead of standard output')
    .option('--chart <path>', 'write the chart of a query ending in render to PATH: .svg, .png, .html (works offline) or .vl.json (the Vega-Lite spec)')
    .option('--explain', 'print the bound plan (one line per operator, with column types) instead of running')
    .option('-q, --quiet', 'no progress bar on stderr (it is drawn only on a terminal, for reads that take over a second)')
    .option('--use-query-period', 'for an analytic rule file: only rows whose TimeGenerated (else Timestamp) is within the rule\'s queryPeriod up to now')
    .option('--look-back <timespan>', 'only rows whose TimeGenerated (else Timestamp) is within this timespan up to now, e.g. 14d')
    .option('--debug', 'show stack traces of errors')
    .addHelpText('after', '\nThe query comes from the argument, from --file, or from standard input when neither is given.\n')
    .action(async (query: string | undefined, opts) => {
      debug = !!opts.debug;
      exitCode = await runCommand(query, opts, io);
    });

  dataOptions(program
    .command('check'))
    .description('parse and bind a query without running it: print the result schema, or the errors')
    .argument('[query]', 'the query text, a rule file (.yaml) or a folder of rule files (or use --file, or standard input)')
    .option('-f, --file <path>', 'read the query from a file (.kql, or the `query` of a .yaml rule), or check a folder of rules')
    .option('-t, --table <name=path>', 'bind a table name to a data file (only its header is read); repeatable', collect, [])
    .option('--format <format>', 'output format: text or json', 'text')
    .option('--debug', 'show stack traces of errors')
    .action(async (query: string | undefined, opts) => {
      debug = !!opts.debug;
      exitCode = await checkCommand(query, opts, io);
    });

  dataOptions(program
    .command('schema'))
    .description('show how a data file (or folder) is read: its format, table, column types and where they come from, row count')
    .argument('<path>', 'the data file or folder')
    .option('-t, --table <name>', 'the table the file holds (for its built-in schema)')
    .option('--debug', 'show stack traces of errors')
    .action(async (path: string, opts) => {
      debug = !!opts.debug;
      exitCode = await schemaCommand(path, opts, io);
    });

  dataOptions(program
    .command('convert'))
    .description('convert a data file (any supported export) into an Arrow IPC or Parquet file that keeps the exact column types')
    .argument('<input>', 'the data file or folder')
    .argument('<output>', 'the file to write: NAME.arrow (Arrow IPC) or NAME.parquet')
    .option('-t, --table <name>', 'the table the file holds (for its built-in schema; kept in the output)')
    .option('--debug', 'show stack traces of errors')
    .action(async (input: string, output: string, opts) => {
      debug = !!opts.debug;
      exitCode = await convertCommand(input, output, opts, io);
    });

  program
    .command('test')
    .description('run the cases of *.kqltest.yaml files (files or folders) and compare results with their expectations')
    .argument('<paths...>', 'test files or folders holding *.kqltest.yaml files')
    .option('--update', 'rewrite the expectations of failing cases from the actual results')
    .option('--reporter <reporter>', 'default (PASS/FAIL lines with diffs) or junit (JUnit XML, for CI systems)', 'default')
    .option('-o, --output <path>', 'write the report to a file instead of standard output')
    .option('--debug', 'show stack traces of errors')
    .action(async (paths: string[], opts) => {
      debug = !!opts.debug;
      exitCode = await testCommand(paths, opts, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit with 0; usage errors were already printed by commander.
      return e.exitCode === 0 ? 0 : 2;
    }
    io.stderr(describeError(e, undefined, debug) + '\n');
    return e instanceof KqlError ? exitCodeOf(e) : 70;
  }
}
