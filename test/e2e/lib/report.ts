/** The tier's summary table: filled in by the tests as they go, printed and written at the end. */

export interface Row {
  project: string;
  dockerfile: string;
  /** Built and run by the tier (else linted only). */
  built?: boolean;
  buildS?: number;
  /** The first build's dependency step came from an earlier run's cache. */
  buildWarm?: boolean;
  sizeMb?: number;
  rebuildS?: number;
  depCached?: boolean;
  status?: number;
  stopS?: number;
  stopExit?: number;
  uid?: string;
  hadolint?: number;
  python?: string;
  base?: string;
  /** Seconds from `docker run` to the first HTTP answer. */
  firstS?: number;
  /** What the generator read and decided (real-projects table), or why it refused. */
  read?: string;
}

export class Report {
  readonly rows = new Map<string, Row>();
  readonly notes: string[] = [];
  readonly timings: string[] = [];

  row(project: string, dockerfile: string): Row {
    const key = `${project} / ${dockerfile}`;
    let r = this.rows.get(key);
    if (!r) {
      r = { project, dockerfile };
      this.rows.set(key, r);
    }
    return r;
  }

  render(title: string): string {
    const fmt = (v: number | undefined) => (v === undefined ? '-' : String(v));
    const yn = (v: boolean | undefined) => (v === undefined ? '-' : v ? 'yes' : 'no');
    const header = ['project', 'Dockerfile', 'build s', 'image MB', 'code-change rebuild s', 'dep step cached', 'GET /', 'stop s (exit)', 'UID', 'hadolint findings', 'Python in image', 'base image'];
    const built = [...this.rows.values()].filter((r) => r.built);
    const lintOnly = [...this.rows.values()].filter((r) => !r.built);
    const lines = built.map((r) => [
      r.project,
      r.dockerfile,
      r.buildS === undefined ? '-' : `${r.buildS}${r.buildWarm ? '*' : ''}`,
      fmt(r.sizeMb),
      fmt(r.rebuildS),
      yn(r.depCached),
      fmt(r.status),
      r.stopS === undefined ? '-' : `${r.stopS} (${r.stopExit ?? '?'})`,
      r.uid ?? '-',
      fmt(r.hadolint),
      r.python ?? '-',
      r.base ?? '-',
    ]);
    const out = [`## ${title}`, '', table(header, lines)];
    out.push('', '`*` after a build time: the dependency step of that first build came from the cache of an earlier run.');
    if (lintOnly.length) {
      out.push('', '### Linted only (not built: Alpine has no stand-in here, the full variant, and the teaching stages on existing projects)', '');
      out.push(table(['project', 'Dockerfile', 'hadolint findings'], lintOnly.map((r) => [r.project, r.dockerfile, fmt(r.hadolint)])));
    }
    if (this.notes.length) out.push('', '### Notes', '', ...this.notes.map((n) => `- ${n}`));
    if (this.timings.length) out.push('', '### Timings', '', ...this.timings.map((n) => `- ${n}`));
    return out.join('\n') + '\n';
  }
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
