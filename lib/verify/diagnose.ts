/**
 * What a container's log says went wrong, and the likely cause where the generator knows it:
 * a module not found (the entry point, a module of the project the image lacks, or a dependency the
 * dependency files do not declare), a write refused (a path that needs a volume), a variable
 * missing (the `-e` to pass). Plain functions over the log text and what the plan knows.
 */
import type { VerifyCause } from '../messages/verify-types.js';

/** The causes it tells apart (their shape lives with their words, lib/messages/verify-types.ts). */
export type Cause = VerifyCause;

export interface DiagnosisContext {
  /** "main:app" (the server's target), or the script for a plain `python main.py`. */
  entryTarget: string;
  /** The dependency files the image installs from ("requirements.txt"). */
  dependencyFiles: string[];
  /** Top-level module names the project has (files and packages at its root, and under src/). */
  projectModules: string[];
  /** The project's .dockerignore lines. */
  dockerignore: string[];
  /** The image's WORKDIR, for relative paths ("/app"). */
  workdir: string;
  readOnly: boolean;
  placeholders: ReadonlyArray<{ name: string; value: string }>;
}

/** Lines that say something went wrong: an ERROR level, or a traceback's first line. */
const ERROR_LINE = /\bERROR\b|Traceback \(most recent call last\)|\bCRITICAL\b/;

/** Each traceback's exception line: the first line after "Traceback ..." that is not indented (the frames are). */
export function exceptionLines(lines: readonly string[]): string[] {
  const found: string[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    if (!/Traceback \(most recent call last\)/.test(lines[index]!)) continue;
    const prefix = /^(.*?)Traceback/.exec(lines[index]!)![1]!;
    for (let next = index + 1; next < lines.length; next += 1) {
      const body = lines[next]!.startsWith(prefix) ? lines[next]!.slice(prefix.length) : lines[next]!;
      if (body.trim() === '' || /^\s/.test(body)) continue;
      found.push(lines[next]!.trim());
      index = next;
      break;
    }
  }
  return found;
}

/** A log line without its time stamp and process ids, to see that two workers said the same thing. */
function message(line: string): string {
  return line.replace(/\[[^\]]*\d[^\]]*\]/g, '').replace(/\d+/g, '').trim();
}

/**
 * The lines shown in the verdict: the first ERROR/Traceback line, the exception its traceback ends
 * with, then other error lines that say something new (not the next worker repeating it), at most `max`.
 */
export function errorExcerpt(log: string, max = 3): string[] {
  const lines = log.split('\n').map((line) => line.replace(/\s+$/, ''));
  const first = lines.findIndex((line) => ERROR_LINE.test(line));
  if (first < 0) return [];
  const excerpt = [lines[first]!.trim()];
  const exception = exceptionLines(lines.slice(first))[0];
  if (exception && !excerpt.includes(exception)) excerpt.push(exception);
  const said = new Set(excerpt.map(message));
  for (const line of lines.slice(first + 1)) {
    if (excerpt.length >= max) break;
    if (!ERROR_LINE.test(line) || /Traceback/.test(line) || said.has(message(line))) continue;
    excerpt.push(line.trim());
    said.add(message(line));
  }
  return excerpt;
}

/** The .dockerignore line that keeps a top-level name out of the build context, if a plain one does. */
export function ignoringLine(name: string, dockerignore: readonly string[]): string | undefined {
  return dockerignore.find((raw) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) return false;
    const pattern = line.replace(/^\.?\//, '').replace(/\/(\*\*?)?$/, '');
    return pattern === name || pattern === `**/${name}` || pattern === `${name}.py` || pattern === `**/${name}.py`;
  });
}

/** The folder to put a volume on for a refused write: the top folder under WORKDIR, or the file's own folder elsewhere. */
function volumeFolder(path: string, workdir: string): string | undefined {
  const base = workdir.replace(/\/+$/, '') || '/';
  if (path.startsWith(`${base}/`)) {
    const rest = path.slice(base.length + 1);
    const slash = rest.indexOf('/');
    // A file in WORKDIR itself has no folder of its own to mount.
    return slash < 0 ? (/\.\w+$/.test(rest) ? undefined : path) : `${base}/${rest.slice(0, slash)}`;
  }
  const slash = path.lastIndexOf('/');
  return slash > 0 ? path.slice(0, slash) : undefined;
}

function absolute(path: string, workdir: string): string {
  if (path.startsWith('/')) return path;
  return `${workdir.replace(/\/+$/, '')}/${path.replace(/^\.\//, '')}`;
}

/** The environment variable an exception line (and the lines before it) names as missing. */
function missingVariable(lines: readonly string[], at: number): string | undefined {
  const line = lines[at]!;
  const patterns = [
    /ImproperlyConfigured: Set the (\w+) environment variable/,
    /UndefinedValueError: (\w+) not found/,
    /(?:environment variable|env var)\s+['"]?([A-Z_][A-Z0-9_]*)['"]?\s+(?:is\s+)?(?:not set|missing|required|undefined)/i,
    /\b([A-Z][A-Z0-9_]{2,})\b\s+(?:environment variable\s+)?(?:is\s+)?(?:not set|missing|required)\b/,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(line);
    if (match) return match[1];
  }
  // os.environ["X"]: a KeyError raised by os's mapping (its frame is "<frozen os>" or os.py).
  const key = /^KeyError: '([A-Za-z_][A-Za-z0-9_]*)'$/.exec(line.trim());
  if (key) {
    const frames = lines.slice(Math.max(0, at - 8), at).join('\n');
    if (/<frozen os>|[\\/]os\.py"|environ/.test(frames)) return key[1];
  }
  // pydantic-settings: "api_key\n  Field required [type=missing, ...]"
  if (/^\s*Field required\b/.test(line) && at > 0) {
    const field = /^\s*(\w+)\s*$/.exec(lines[at - 1]!)?.[1];
    if (field) return field.toUpperCase();
  }
  return undefined;
}

/** The likely cause of what the log shows, or undefined when the generator cannot tell. */
export function likelyCause(log: string, context: DiagnosisContext): Cause | undefined {
  const lines = log.split('\n').map((line) => line.replace(/\s+$/, ''));
  const entryModule = context.entryTarget.split(':')[0]!.replace(/\.py$/, '').replace(/\//g, '.');
  const entryTop = entryModule.split('.')[0]!;
  for (let at = 0; at < lines.length; at += 1) {
    const line = lines[at]!;
    const missingModule =
      /ModuleNotFoundError: No module named '([\w.]+)'/.exec(line)?.[1] ??
      /ImportError: No module named '?([\w.]+)'?/.exec(line)?.[1] ??
      /Error loading ASGI app\. Could not import module "([\w.]+)"/.exec(line)?.[1];
    if (missingModule) {
      const top = missingModule.split('.')[0]!;
      const inProject = context.projectModules.includes(top);
      const ignoredBy = inProject ? ignoringLine(top, context.dockerignore) : undefined;
      if (top === entryTop || missingModule === entryModule) return { kind: 'entry-point', module: missingModule, target: context.entryTarget, inProject, ignoredBy };
      if (inProject) return { kind: 'project-module', module: missingModule, ignoredBy };
      return { kind: 'missing-dependency', module: missingModule, files: [...context.dependencyFiles] };
    }
    const attribute =
      /Failed to find attribute '(\w+)' in '([\w.]+)'/.exec(line) ?? /Error loading ASGI app\. Attribute "(\w+)" not found in module "([\w.]+)"/.exec(line);
    if (attribute) return { kind: 'entry-attribute', attribute: attribute[1]!, module: attribute[2]!, target: context.entryTarget };
    const refused = /\[Errno (13|30)\] (?:Permission denied|Read-only file system): '([^']+)'/.exec(line);
    if (refused) {
      const path = absolute(refused[2]!, context.workdir);
      return { kind: 'needs-volume', path, folder: volumeFolder(path, context.workdir), readOnly: refused[1] === '30' || context.readOnly };
    }
    if (/sqlite3\.OperationalError: (?:unable to open database file|attempt to write a readonly database)/.test(line)) {
      return { kind: 'needs-volume', path: context.workdir, readOnly: context.readOnly };
    }
    const variable = missingVariable(lines, at);
    if (variable) {
      const given = context.placeholders.find((placeholder) => placeholder.name === variable);
      return given ? { kind: 'placeholder-rejected', name: variable, value: given.value } : { kind: 'missing-variable', name: variable };
    }
    // An error that quotes a placeholder's value (or names it): the app read it and wants a real one.
    if (ERROR_LINE.test(line) || /^\w*(Error|Exception)\b/.test(line.trim())) {
      const rejected = context.placeholders.find((placeholder) => line.includes(placeholder.value) || new RegExp(`\\b${placeholder.name}\\b`).test(line));
      if (rejected) return { kind: 'placeholder-rejected', name: rejected.name, value: rejected.value };
    }
  }
  return undefined;
}
