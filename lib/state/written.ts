/**
 * The record of what the generator wrote, kept in .yo-rc.json beside the user's choices (`files`):
 * per generated file, a hash of its content as written and the values it was rendered from. It
 * answers the re-run questions without reading our own output back: is this file still as we
 * wrote it (ours: rewrite it), did the user edit it (theirs: merge or ask), and does it still match
 * this run's plan (or is it stale, and why).
 * Plain functions (no Yeoman), unit-tested in test/unit/written.test.ts.
 */
import { createHash } from 'node:crypto';
import type { Answers } from '../decide/answer-types.js';

/** The keys of the record in the generator's section of .yo-rc.json: the files, and the project inputs they were planned from. */
export const FILES_KEY = 'files';
export const INPUTS_KEY = 'inputs';

/** What a generated file is, so a later run can render it again. */
export type FileKind =
  | 'dockerfile.bad'
  | 'dockerfile.better'
  | 'dockerfile.production'
  | 'dockerfile.multistage'
  | 'dockerignore'
  | 'compose'
  | 'workshop'
  | 'compare'
  | 'sample.app'
  | 'sample.init'
  | 'sample.requirements';

/** The values a plan is made of, beside what the project states: the answers, the server, and how it was planned. */
export interface RenderValues extends Answers {
  /** The user chose the server (--server, or that choice stored): the project's Procfile program is not followed. */
  serverChosen: boolean;
  /** Rendered from the workshop's sample plan (the sample's dependencies and dev server). */
  sample: boolean;
}

export type ValueKey = keyof RenderValues;

/**
 * The values each kind of file can depend on: those are recorded (to render the file again as it
 * was written). A reason a file is out of date is named only when changing that value alone
 * changes the file (the generator checks by rendering), so a value listed here that a file does
 * not use in a given project is never said.
 */
export const VALUES_BY_KIND: Readonly<Record<FileKind, readonly ValueKey[]>> = {
  'dockerfile.bad': ['pythonVersion', 'port', 'wsgiApp', 'lang', 'server', 'serverChosen', 'sample'],
  'dockerfile.better': ['pythonVersion', 'baseVariant', 'port', 'wsgiApp', 'lang', 'server', 'serverChosen', 'sample'],
  'dockerfile.production': ['pythonVersion', 'baseVariant', 'port', 'wsgiApp', 'workers', 'uid', 'gid', 'lang', 'server', 'serverChosen', 'sample'],
  'dockerfile.multistage': ['pythonVersion', 'baseVariant', 'port', 'wsgiApp', 'workers', 'uid', 'gid', 'lang', 'server', 'serverChosen', 'sample'],
  dockerignore: ['lang', 'sample'],
  compose: ['port', 'wsgiApp', 'workers', 'lang', 'server', 'serverChosen', 'watch', 'sample'],
  workshop: ['pythonVersion', 'baseVariant', 'port', 'wsgiApp', 'workers', 'uid', 'gid', 'lang'],
  compare: ['port', 'wsgiApp', 'uid', 'lang'],
  'sample.app': ['port', 'wsgiApp', 'lang'],
  'sample.init': [],
  'sample.requirements': ['lang'],
};

export interface FileRecord {
  kind: FileKind;
  /** SHA-256 of the content as written, hex. */
  sha256: string;
  /** The values it was rendered from (those its kind depends on). */
  values: Partial<RenderValues>;
  /**
   * The project as the plan saw it then (dependencies, serving configuration...), by its id in the
   * record's `inputs`: with the values, enough to render the file again exactly as it was written,
   * the base of a three-way merge after the project changed. None for the sample's files.
   */
  input?: string;
}

export type FilesRecord = Record<string, FileRecord>;

export function contentHash(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

/** The record of one file written now. */
export function recordOf(kind: FileKind, content: string, values: RenderValues, input?: string): FileRecord {
  const kept = Object.fromEntries(VALUES_BY_KIND[kind].map((key) => [key, values[key]])) as Partial<RenderValues>;
  return { kind, sha256: contentHash(content), values: kept, ...(input ? { input } : {}) };
}

/**
 * A project input as the record keeps it: one line of JSON in a string, with every character
 * outside printable ASCII written as a \\u escape, so no control, bidi or line-separator
 * character from a project's files reaches .yo-rc.json (issue 18's rule for every written file).
 */
export function encodeInput(input: object): string {
  return JSON.stringify(input).replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The input back from its recorded form, or undefined when it is not one. */
export function decodeInput(encoded: unknown): object | undefined {
  if (typeof encoded !== 'string') return undefined;
  try {
    const input = JSON.parse(encoded) as unknown;
    return input !== null && typeof input === 'object' && !Array.isArray(input) ? input : undefined;
  } catch {
    return undefined;
  }
}

/** A project input's id in the record: the start of the hash of its recorded form. */
export function inputId(encoded: string): string {
  return contentHash(encoded).slice(0, 12);
}

/** The recorded project inputs (in their recorded form), keeping only well-formed entries. */
export function readInputs(raw: unknown): Record<string, string> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  return Object.fromEntries(Object.entries(raw as Record<string, unknown>).filter(([id, encoded]) => /^[0-9a-f]{12}$/.test(id) && typeof encoded === 'string')) as Record<string, string>;
}

/**
 * A file on disk against its record:
 * - `missing`: not on disk (never written, or deleted since);
 * - `ours`: exactly as the generator wrote it last time;
 * - `theirs`: the generator wrote it and the user edited it since;
 * - `unknown`: on disk with no record (the user's own file, or written by an earlier version).
 */
export type FileState = 'missing' | 'ours' | 'theirs' | 'unknown';

export function fileState(disk: string | undefined, record: FileRecord | undefined): FileState {
  if (disk === undefined) return 'missing';
  if (!record) return 'unknown';
  return contentHash(disk) === record.sha256 ? 'ours' : 'theirs';
}

/** A value a file was written with that this run has otherwise. */
export interface ValueChange {
  key: ValueKey;
  from: unknown;
  to: unknown;
}

/** The values a file was rendered from that differ from this run's (an empty list: something else changed, the project or this generator). */
export function changedValues(record: FileRecord, now: RenderValues): ValueChange[] {
  return VALUES_BY_KIND[record.kind]
    .filter((key) => record.values[key] !== undefined && record.values[key] !== now[key])
    .map((key) => ({ key, from: record.values[key], to: now[key] }));
}

/** The record as stored, with anything malformed left out (a hand-edited .yo-rc.json is untrusted input). */
export function readFilesRecord(raw: unknown): FilesRecord {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const kinds = Object.keys(VALUES_BY_KIND);
  const out: FilesRecord = {};
  for (const [file, entry] of Object.entries(raw as Record<string, unknown>)) {
    const record = entry as Partial<FileRecord> | null;
    if (!record || typeof record !== 'object' || !kinds.includes(String(record.kind)) || !/^[0-9a-f]{64}$/.test(String(record.sha256))) continue;
    if (file.startsWith('/') || file.split(/[\\/]/).includes('..')) continue;
    const values = record.values && typeof record.values === 'object' ? record.values : {};
    const input = typeof record.input === 'string' && /^[0-9a-f]{12}$/.test(record.input) ? record.input : undefined;
    out[file] = { kind: record.kind as FileKind, sha256: String(record.sha256), values, ...(input ? { input } : {}) };
  }
  return out;
}

/**
 * What a run does with one file it renders:
 * - `create`, `identical`, `update` (ours, rewritten without a question, terminal or not);
 * - `append`: .dockerignore the user edited or brought: their lines stay, ours are appended (--force too);
 * - `force`: --force overwrites whatever else is there;
 * - `ask`: the user's file (edited, or not ours): the conflict question, with the diff;
 * - without a terminal, with --defaults: `merge` when this run's changes merge cleanly around the
 *   user's edits (every line of theirs kept), else `beside` (this run's version next to theirs);
 * - `noTerminal`: it would ask, and there is no terminal and no --defaults.
 */
export type WriteAction = 'create' | 'identical' | 'update' | 'append' | 'force' | 'ask' | 'merge' | 'beside' | 'noTerminal';

export interface WriteSituation {
  state: FileState;
  /** The disk already holds exactly this run's render. */
  identical: boolean;
  /** The file has an append-only merge of its own (.dockerignore). */
  appendOnly: boolean;
  /** The three-way merge of the user's edits with this run's changes is clean. */
  mergeClean: boolean;
  force: boolean;
  /** A question can be asked (a terminal, or a test's adapter). */
  canAsk: boolean;
  defaults: boolean;
}

export function decideWrite(s: WriteSituation): WriteAction {
  if (s.state === 'missing') return 'create';
  if (s.identical) return 'identical';
  if (s.state === 'ours') return 'update';
  if (s.appendOnly) return 'append';
  if (s.force) return 'force';
  if (s.canAsk) return 'ask';
  if (!s.defaults) return 'noTerminal';
  return s.mergeClean ? 'merge' : 'beside';
}

/** Where this run's version of an edited file goes when it is not written over the user's. */
export function besidePath(file: string): string {
  return `${file}.new`;
}
