/**
 * Conformance with the real Kusto engine: every example of the Kusto documentation in
 * ../shared/conformance/kusto-docs-cases.json (530 cases, each with the result the Kusto emulator
 * returned) is run through the engine — in worker threads, from the TypeScript sources, 5 s per
 * case — and classified (runner.ts):
 *
 * - exact:      same column names, same column types (.NET names mapped to KQL types), same rows.
 *               Rows compare as a multiset unless the query's final operators sort (`sort by`,
 *               `order by`, `top`, followed only by order-keeping operators). Reals within 1e-9
 *               relative, datetimes and timespans to the tick, dynamic values deep-equal (bags
 *               regardless of key order, longs vs reals numerically), guids case-insensitively.
 * - refused:    the engine threw an error whose message starts with `Not supported:`, in any phase.
 * - needs-data: the engine failed with `Unknown table 'X'`: the query reads a table it does not
 *               define itself (StormEvents, SecurityEvent, …). No offline run has that data, so these
 *               cases are reported apart and are NOT counted as wrong.
 * - clock:      the query reads the clock or another source outside itself — now(), ago(), rand(),
 *               new_guid(), current_database(), cursor_current(), … — and the engine's result differs
 *               from the oracle's, which froze another instant, other random numbers, another
 *               cluster. (A fixed now, 2026-01-01T00:00:00Z, is used.) NOT counted as wrong. Other
 *               column names or types, or an error other than a named refusal, still count as
 *               wrong: no clock explains them.
 * - wrong:      anything else: a different result, any other error (`Unknown function 'x'` for a
 *               documented function included), a crash, a timeout.
 *
 * The test fails on any wrong case. There is deliberately no allow-list of known failures: the rule
 * of the project is that a known gap must be refused by name (`Not supported: …`), never
 * approximated and never silently different. `npm run conformance -- --verbose` shows each wrong
 * case with its query and expected vs actual values; docs/conformance.md explains the runner.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { formatCounts, runConformance, type ConformanceReport } from './runner.js';

let report: ConformanceReport;

beforeAll(async () => {
  report = await runConformance();
  console.log(`conformance: ${formatCounts(report.counts)} (${report.cases.length} cases, ${(report.ms / 1000).toFixed(1)} s)`);
}, 180_000);

describe('conformance with the Kusto documentation examples', () => {
  it('runs every case of the oracle', () => {
    expect(report.cases.length).toBe(530);
    const total = Object.values(report.counts).reduce((a, b) => a + b, 0);
    expect(total).toBe(report.cases.length);
  });

  it('has no wrong case: each is exact, refused by name, needs data, or reads the clock', () => {
    const wrong = report.cases.filter((c) => c.category === 'wrong');
    const list = wrong.map((c) => `  ${c.id}: ${c.diagnosis.slice(0, 240)}`).join('\n');
    expect(wrong.length, `${formatCounts(report.counts)}\nwrong cases:\n${list}\n`).toBe(0);
  });
});
