/** The CLI driven in-process: runCli(argv, io) with stdout, stderr and stdin faked. */
import { runCli, type CliIo } from '../../src/cli/run-cli.js';

export interface Run { code: number; out: string; err: string }

/**
 * Runs `kql ARGV`; without `stdin`, standard input is a terminal (so no query comes from it). Standard
 * output is a pipe unless `stdoutIsTTY` says it is a terminal.
 */
export async function cli(argv: string[], stdin?: string, stdoutIsTTY = false): Promise<Run> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    readStdin: async () => stdin ?? '',
    stdinIsTTY: stdin === undefined,
    stdoutIsTTY,
    columns: 120,
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}
