/**
 * One project, one truth: which values a generated file carries (the port, the user's UID/GID, the
 * Python version), which files are out of line with a run, and the narrow edits that bring them in
 * line. Plain functions (no Yeoman), unit-tested in test/unit/answers-align.test.ts.
 */

/** The values more than one generated file carries. */
export const CARRIED_KEYS = ['port', 'uid', 'gid', 'pythonVersion'] as const;
export type CarriedKey = (typeof CARRIED_KEYS)[number];
/** Values as they are written in a file (strings: "5000", "3.13"). */
export type Carried = Partial<Record<CarriedKey, string>>;

const PYTHON = String.raw`python:(3\.\d+(?:\.\d+)?)`;
/** The line the sample app ends with (templates/sample/app.py.ejs): the only port literal we write in code. */
export const GENERATED_PORT_LINE = /^([ \t]*[A-Za-z_]\w*(?:\(\))?\.run\(host="0\.0\.0\.0", port=int\(os\.environ\.get\("PORT", ")(\d+)("\)\)\)[ \t]*)$/gm;

function first(pattern: RegExp, content: string, group = 1): string | undefined {
  return pattern.exec(content)?.[group];
}

/**
 * The values `file` carries, read the way this generator writes them. A file it does not know, or
 * one without the lines it writes, carries nothing.
 */
export function carriedValues(file: string, content: string): Carried {
  const found: Carried = {};
  const name = file.split('/').pop() ?? file;
  if (name === 'Dockerfile' || name.startsWith('Dockerfile.')) {
    found.port = first(/^EXPOSE (\d+)$/m, content);
    found.uid = first(/^USER (\d+):(\d+)$/m, content);
    found.gid = first(/^USER (\d+):(\d+)$/m, content, 2);
    found.pythonVersion = first(new RegExp(`^FROM ${PYTHON}`, 'm'), content);
  } else if (name === 'compose.yaml') {
    found.port = first(/^\s+- "(?:[\d.]+:)?\d+:(\d+)"$/m, content);
  } else if (name === 'WORKSHOP.md') {
    found.port = first(/-p \d+:(\d+) workshop:/, content);
    found.uid = first(/`USER (\d+):(\d+)`/, content);
    found.gid = first(/`USER (\d+):(\d+)`/, content, 2);
    found.pythonVersion = first(new RegExp(`\`FROM ${PYTHON}`), content);
  } else if (name === 'compare.py') {
    found.port = first(/^PORT = (\d+)$/m, content);
  } else if (name.endsWith('.py')) {
    found.port = first(new RegExp(GENERATED_PORT_LINE.source, 'm'), content, 2);
  }
  return Object.fromEntries(Object.entries(found).filter(([, value]) => value !== undefined)) as Carried;
}

/** The keys whose value in the file differs from the run's. */
export function differingKeys(carried: Carried, now: Record<CarriedKey, string>): CarriedKey[] {
  return CARRIED_KEYS.filter((key) => carried[key] !== undefined && carried[key] !== now[key]);
}

/** A value changed in a file: from what it carries to the run's. */
export interface ValueChange {
  from: string;
  to: string;
}

function standalone(value: string): RegExp {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(String.raw`(?<![\d.])${escaped}(?!\d|\.\d)`, 'g');
}

/**
 * True when `fresh` (the file as this run writes it) differs from `disk` only where the values
 * changed: putting the old values back into `fresh` gives `disk` exactly. Then the file is as the
 * generator wrote it and only the value moves; anything else (an edit of the user's, another
 * decision) makes it false, and the conflict question decides.
 */
export function differsOnlyIn(disk: string, fresh: string, changes: readonly ValueChange[]): boolean {
  let back = fresh;
  for (const { from, to } of changes) back = back.replace(standalone(to), from);
  return back === disk;
}

export type PortEdit = { content: string } | { refused: 'missing' | 'several' };

/**
 * The sample app's default port, changed in the one line the generator wrote and nowhere else
 * (the rest of the file may be the user's by now). Refused when that line is not there exactly
 * once: then it was edited, and a person should decide.
 */
export function alignPortLine(content: string, port: string): PortEdit {
  const lines = [...content.matchAll(GENERATED_PORT_LINE)];
  if (lines.length === 0) return { refused: 'missing' };
  if (lines.length > 1) return { refused: 'several' };
  return { content: content.replace(GENERATED_PORT_LINE, (_, before: string, __: string, after: string) => `${before}${port}${after}`) };
}
