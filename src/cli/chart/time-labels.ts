/** Labels for time x values (milliseconds since 1970, UTC): dates alone when every value is a whole day. */
const DAY_MS = 86_400_000;

export interface TimeLabels {
  /** The label of one value: `2026-06-20`, or `2026-06-20 13:05` when times of day matter. */
  format(ms: number): string;
  /** The d3 time format of the axis ticks of a chart file. */
  readonly axisFormat: string;
}

export function timeLabels(values: readonly number[]): TimeLabels {
  const wholeDays = values.every((ms) => ms % DAY_MS === 0);
  const wholeMinutes = values.every((ms) => ms % 60_000 === 0);
  const span = values.reduce((m, v) => Math.max(m, v), -Infinity) - values.reduce((m, v) => Math.min(m, v), Infinity);
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    format: wholeDays ? (ms) => iso(ms).slice(0, 10)
      : wholeMinutes ? (ms) => iso(ms).slice(0, 16).replace('T', ' ')
        : (ms) => iso(ms).slice(0, 19).replace('T', ' '),
    axisFormat: span > 366 * DAY_MS ? '%Y-%m-%d' : wholeDays || span > 3 * DAY_MS ? '%b %d' : '%b %d %H:%M',
  };
}
