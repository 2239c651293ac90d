/**
 * The progress bar of `kql run` on a terminal's stderr: shown once reading has taken about a second, redrawn
 * at most ten times a second on one line (carriage return), and erased when the query is done.
 */
import type { ScanProgress } from '../engine/io/stream.js';

const SHOW_AFTER_MS = 1000;
const REDRAW_MS = 100;
const BAR_WIDTH = 24;

export interface ProgressBar {
  readonly update: (table: string, p: ScanProgress) => void;
  /** Erases the bar, if it was drawn. */
  done(): void;
}

export function progressBar(write: (s: string) => void, width = 80, clock = (): number => performance.now()): ProgressBar {
  const start = clock();
  let drawn = 0;
  let shown = false;
  return {
    update(table, p) {
      const now = clock();
      if (now - start < SHOW_AFTER_MS || now - drawn < REDRAW_MS) return;
      drawn = now;
      shown = true;
      write('\r' + progressLine(table, p, (now - start) / 1000).slice(0, width - 1) + '\x1b[K');
    },
    done() {
      if (shown) write('\r\x1b[K');
    },
  };
}

/** `UrlClickEvents [██████░░░…]  25%  115/458 MB  250,000 rows  96 MB/s` */
export function progressLine(table: string, p: ScanProgress, seconds: number): string {
  const fraction = p.totalBytes > 0 ? Math.min(1, p.bytes / p.totalBytes) : 1;
  const full = Math.round(fraction * BAR_WIDTH);
  const mb = (n: number): string => (n / 1e6).toFixed(0);
  const rate = seconds > 0 ? `${mb(p.bytes / seconds)} MB/s` : '';
  return `${table} [${'█'.repeat(full)}${'░'.repeat(BAR_WIDTH - full)}] ${String(Math.floor(fraction * 100)).padStart(3)}%  `
    + `${mb(p.bytes)}/${mb(p.totalBytes)} MB  ${p.rows.toLocaleString('en-US')} rows  ${rate}`;
}
