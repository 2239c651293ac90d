// Runs the kql CLI in this (fresh) process, then reports the process's peak RSS on fd 3.
import { writeSync } from 'node:fs';

process.argv = [process.argv[0], 'kql', ...process.argv.slice(2)];
await import('../dist/kql.mjs');
process.on('exit', () => writeSync(3, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }) + '\n'));
