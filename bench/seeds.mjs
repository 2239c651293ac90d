// The two seed queries as KQL files and as the equivalent DuckDB SQL, for the benchmark's comparison.
// The SQL must compute what the KQL computes on any UrlClickEvents data, not only on the generated rows;
// run.mjs checks the two results agree on every run.
import { closeSync, openSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The `--now` of every run; the SQL's constants are derived from it. */
export const NOW = '2026-07-20T12:00:00Z';
const DAY_MS = 86_400_000;
const UNIX_EPOCH_TICKS = 621_355_968_000_000_000n; // 0001-01-01 → 1970-01-01 in 100-ns ticks
const startOfDay = (ms) => Math.floor(ms / DAY_MS) * DAY_MS;
const sqlTimestamp = (ms) => `TIMESTAMP_NS '${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')}'`;

// `s has "term"` when the term is all letters and digits: the term, case-insensitively, with no letter or
// digit on either side (../shared/kql-notes.md §1: a term is a maximal run of Unicode letters and digits).
const has = (column, term) => `regexp_matches(${column}, '(?i)(^|[^\\p{L}\\p{N}])${term}([^\\p{L}\\p{N}]|$)')`;

/**
 * The FROM source for a data file: a CSV with the schema's types, or a Parquet file. In Parquet files
 * written by `kql convert`, datetimes are int64 100-ns ticks since 0001-01-01: those become TIMESTAMP_NS.
 * CONNECTION is used to read the Parquet file's schema.
 */
export async function duckdbSource(path, connection) {
  const quoted = `'${path.replace(/'/g, "''")}'`;
  if (/\.parquet$/i.test(path)) {
    const columns = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${quoted})`)).getRowObjectsJson();
    const ticks = columns.filter((c) => ['Timestamp', 'TimeGenerated'].includes(c.column_name) && c.column_type === 'BIGINT');
    if (ticks.length === 0) return `read_parquet(${quoted})`;
    const replace = ticks.map(({ column_name: c }) => `make_timestamp_ns((${c} - ${UNIX_EPOCH_TICKS}) * 100) AS ${c}`);
    return `(SELECT * REPLACE (${replace.join(', ')}) FROM read_parquet(${quoted}))`;
  }
  if (!/\.csv$/i.test(path)) throw new Error(`DuckDB input ${path}: expected a .csv or .parquet file`);
  // Columns typed by the UrlClickEvents schema, in the file's header order; empty fields read as null
  // (KQL strings are never null: the SQL reads a null string as ''). Timestamps keep all 7 fractional
  // digits (100 ns ticks) as TIMESTAMP_NS. (force_not_null would say it better, but DuckDB 1.5 applies it
  // to the wrong columns when only some are read.)
  const types = { Timestamp: 'TIMESTAMP_NS', TimeGenerated: 'TIMESTAMP_NS', IsClickedThrough: 'BOOLEAN' };
  const spec = headerOf(path).map((c) => `'${c}': '${types[c] ?? 'VARCHAR'}'`).join(', ');
  return `read_csv(${quoted}, header = true, delim = ',', quote = '"', escape = '"', auto_detect = false, columns = {${spec}})`;
}

function headerOf(path) {
  const fd = openSync(path, 'r');
  const buffer = Buffer.alloc(4096);
  const n = readSync(fd, buffer, 0, buffer.length, 0);
  closeSync(fd);
  return buffer.subarray(0, n).toString('utf8').split(/\r?\n/)[0].split(',');
}

const now = Date.parse(NOW);
const timeStart = startOfDay(now - 30 * DAY_MS);
const timeEnd = startOfDay(now);

export const SEEDS = {
  'malicious-clicks-allowed': {
    kql: join(root, 'fixtures/queries/malicious-clicks-allowed.kql'),
    // make-series … from TimeStart to TimeEnd step 1d: one row, 30 daily bins [TimeStart + k·1d, +1d),
    // a count per bin (0 where none), rows at or after TimeEnd left out. `IsClickedThrough == 1` is true
    // only for true; isnotempty is neither null nor ''.
    sql: (from) => `
      WITH bins AS (
        SELECT DATE '${new Date(timeStart).toISOString().slice(0, 10)}' + CAST(range AS INTEGER) AS day
        FROM range(${(timeEnd - timeStart) / DAY_MS})
      ), counts AS (
        SELECT CAST(Timestamp AS DATE) AS day, count(*) AS n
        FROM ${from}
        WHERE Timestamp >= ${sqlTimestamp(timeStart)} AND Timestamp < ${sqlTimestamp(timeEnd)}
          AND IsClickedThrough AND ThreatTypes IS NOT NULL AND ThreatTypes <> ''
        GROUP BY ALL
      )
      SELECT list(coalesce(n, 0) ORDER BY day) AS "Count", list(CAST(day AS TIMESTAMP) ORDER BY day) AS "Timestamp"
      FROM bins LEFT JOIN counts USING (day)`,
  },
  'url-clicks-actions-by-url': {
    kql: join(root, 'fixtures/queries/url-clicks-actions-by-url.kql'),
    // countif(x) counts rows where x is true (a null IsClickedThrough is not counted); has on '' is false.
    sql: (from) => `
      SELECT coalesce(Url, '') AS Url,
        count(*) FILTER (WHERE ${has('ActionType', 'ClickBlocked')}) AS Blocked,
        count(*) FILTER (WHERE ${has('ActionType', 'ClickAllowed')}) AS Allowed,
        count(*) FILTER (WHERE ${has('ActionType', 'UrlScanInProgress')}) AS PendingVerdict,
        count(*) FILTER (WHERE ${has('ActionType', 'UrlErrorPage')}) AS "Error",
        count(*) FILTER (WHERE IsClickedThrough) AS ClickedThrough
      FROM ${from}
      GROUP BY ALL`,
  },
};
