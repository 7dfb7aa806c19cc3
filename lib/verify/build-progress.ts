/**
 * BuildKit's `--progress=plain` output, read line by line as it comes: each Dockerfile step
 * ("#6 [builder 2/5] RUN ...") becomes one event when it ends (ran, cached or failed), so the
 * user sees one line per step instead of every line pip prints. A failed step keeps its last
 * output lines: they say why.
 */

export type StepState = 'ran' | 'cached' | 'failed';

export interface StepEvent {
  /** BuildKit's vertex number (#6). */
  id: number;
  /** "[builder 2/5] RUN pip install ...", as BuildKit names it. */
  name: string;
  state: StepState;
  /** Seconds BuildKit says the step took (DONE 12.3s). */
  seconds?: number;
  /** A failed step: its last output lines and BuildKit's ERROR line. */
  output: string[];
}

/** Output lines kept per step (only a failed step's are shown). */
const KEEP_LINES = 12;

export class BuildProgress {
  private readonly names = new Map<number, string>();
  private readonly output = new Map<number, string[]>();
  readonly steps: StepEvent[] = [];

  /** One line of `docker build --progress=plain` output -> the step it ended, if any. */
  push(raw: string): StepEvent | undefined {
    const match = /^#(\d+) (.*)$/.exec(raw.replace(/\r$/, ''));
    if (!match) return undefined;
    const id = Number(match[1]);
    const rest = match[2]!;
    if (!this.names.has(id)) {
      this.names.set(id, rest);
      return undefined;
    }
    const name = this.names.get(id)!;
    // BuildKit prints the step's name again when its output resumes after another step's.
    if (!isDockerfileStep(name) || rest === name) return undefined;
    if (rest === 'CACHED') return this.end({ id, name, state: 'cached', output: [] });
    const done = /^DONE (\d+(?:\.\d+)?)s$/.exec(rest);
    if (done) return this.end({ id, name, state: 'ran', seconds: Number(done[1]), output: [] });
    if (rest.startsWith('ERROR')) return this.end({ id, name, state: 'failed', output: [...(this.output.get(id) ?? []), rest] });
    // "#6 12.34 Collecting flask": the step's own output, after BuildKit's timestamp.
    const line = rest.replace(/^\d+\.\d+ /, '');
    const kept = this.output.get(id) ?? [];
    kept.push(line);
    if (kept.length > KEEP_LINES) kept.shift();
    this.output.set(id, kept);
    return undefined;
  }

  private end(event: StepEvent): StepEvent | undefined {
    // A step ends once; BuildKit may repeat a vertex's status.
    if (this.steps.some((step) => step.id === event.id)) return undefined;
    this.steps.push(event);
    return event;
  }

  get failed(): StepEvent | undefined {
    return this.steps.find((step) => step.state === 'failed');
  }
}

/** A Dockerfile instruction ("[2/5] RUN ...", "[builder 1/6] FROM ..."), not BuildKit's own work ("[internal] load ..."). */
export function isDockerfileStep(name: string): boolean {
  return /^\[(?:\S+ )?\d+\/\d+\] /.test(name);
}

/** The step name shortened for one terminal line: continuation lines joined, long commands cut. */
export function shortStep(name: string, width = 90): string {
  const flat = name.replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat : `${flat.slice(0, width - 3)}...`;
}
