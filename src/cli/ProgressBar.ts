/** A step of a long command and how far it got. */
export interface ProgressUpdate {
  /** Step name, such as `read` or `validate`. */
  phase: string;
  done: number;
  total?: number;
  /** Unit of `done`, such as `resources` or `bytes`. */
  unit?: string;
}

const BAR_WIDTH = 30;

/** Minimum time between redraws of the bar, so a fast loop does not flood the terminal. */
const REDRAW_MS = 100;

/**
 * Shows progress on standard error: a bar redrawn in place on a terminal, and one plain line per step
 * (plus one per quarter of a step with a known total) when the output goes to a file or pipe.
 */
export class ProgressBar {
  private phase = '';
  private lastDraw = 0;
  private lastQuarter = -1;
  private drawn = false;

  public constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  private get interactive(): boolean {
    return this.stream.isTTY === true;
  }

  public update(update: ProgressUpdate): void {
    const changed = update.phase !== this.phase;
    if (changed) {
      this.phase = update.phase;
      this.lastQuarter = -1;
      if (this.interactive && this.drawn) {
        this.stream.write('\n');
      }
    }
    if (this.interactive) {
      const now = Date.now();
      if (changed || now - this.lastDraw >= REDRAW_MS || update.done === update.total) {
        this.lastDraw = now;
        this.stream.write(`\r${describe(update, true)}\u001b[K`);
        this.drawn = true;
      }
      return;
    }
    const quarter = update.total === undefined || update.total === 0 ? -1 : Math.floor((update.done / update.total) * 4);
    if (changed || quarter > this.lastQuarter) {
      this.lastQuarter = quarter;
      this.stream.write(`${describe(update, false)}\n`);
    }
  }

  /** Ends the bar's line, so the summary starts on a fresh one. */
  public finish(): void {
    if (this.interactive && this.drawn) {
      this.stream.write('\n');
      this.drawn = false;
    }
  }
}

function describe(update: ProgressUpdate, withBar: boolean): string {
  // A step without a total that has counted nothing yet, and the final step, read better without numbers.
  if (update.phase === 'done' || ((update.total === undefined || update.total === 0) && update.done === 0)) {
    return `  ${update.phase}`;
  }
  const unit = update.unit === undefined ? '' : ` ${update.unit}`;
  const count = update.unit === 'bytes' ? byteCount(update.done, update.total) : `${update.done.toLocaleString('en-US')}${update.total === undefined ? '' : ` of ${update.total.toLocaleString('en-US')}`}${unit}`;
  if (update.total === undefined || update.total === 0) {
    return `  ${update.phase.padEnd(9)} ${count}`;
  }
  const fraction = Math.min(1, update.done / update.total);
  // Rounded down, so that 100% shows only once the step has done everything.
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  if (!withBar) {
    return `  ${update.phase.padEnd(9)} ${percent} ${count}`;
  }
  const filled = Math.floor(fraction * BAR_WIDTH);
  return `  ${update.phase.padEnd(9)} [${'#'.repeat(filled)}${' '.repeat(BAR_WIDTH - filled)}] ${percent} ${count}`;
}

/** Writes a byte count in MB, or in kB for a file below 0.1 MB, which would otherwise read "0.0 of 0.0 MB". */
function byteCount(done: number, total: number | undefined): string {
  const [divisor, unit] = (total ?? done) < 100_000 ? [1e3, 'kB'] : [1e6, 'MB'];
  return `${(done / divisor).toFixed(1)}${total === undefined ? '' : ` of ${(total / divisor).toFixed(1)}`} ${unit}`;
}
