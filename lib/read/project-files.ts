/**
 * The one way a run reads a project's files (issue 23.1, Railpack's "one file-access object per
 * app"): every reader takes this object instead of a folder path. Each file is read, and parsed
 * as TOML, JSON or Python, at most once per run; every path is project-relative with forward
 * slashes; and a repository is untrusted input (issue 18):
 * - a file or folder whose real path (symlinks resolved) leaves the project is never read or
 *   listed: it counts as absent, and `skipped` says which (one line each, worded by the messages);
 * - files above a size cap are not read (MAX_TEXT_BYTES for source and config, MAX_DATA_BYTES for
 *   lock files), likewise said;
 * - a Python file that does not parse is skipped by the code readers, likewise said.
 */
import { constants } from 'node:fs';
import { access, lstat, readdir, realpath, stat } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type PythonSource, parsePython } from './python.js';
import { parseToml, type TomlTable } from './toml.js';
import { ProjectFileError } from './problems.js';

/** Source and config files larger than this are not read (generated data, vendored bundles). */
export const MAX_TEXT_BYTES = 1_000_000;
/** Lock files can be large; larger ones are not read. */
export const MAX_DATA_BYTES = 16_000_000;

/** Why a file the readers looked at was not used; each is said once, in the user's language. */
export type SkipReason = 'outsideProject' | 'tooLarge' | 'doesNotParse';

export interface SkippedFile {
  /** Project-relative path, as the readers asked for it. */
  file: string;
  reason: SkipReason;
  /** For doesNotParse: the line of the first syntax error. */
  line?: number;
}

export type EntryKind = 'file' | 'directory';

export interface DirectoryEntry {
  name: string;
  kind: EntryKind;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim();
}

/** True when `absolute` is `root` or inside it. */
export function isInside(root: string, absolute: string): boolean {
  const rel = path.relative(root, absolute);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** `root`-relative, forward-slash form of an absolute path. */
export function relativePath(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join('/');
}

interface Resolved {
  kind?: EntryKind | 'other';
  size: number;
  /** The real path, inside the project. */
  real?: string;
  /** The path exists (or is a link) but its real path leaves the project. */
  outside: boolean;
  /** A link to nothing. */
  dangling: boolean;
}

export class ProjectFiles {
  /** Files not used, and why (no repeats). */
  readonly skipped: SkippedFile[] = [];
  private readonly resolved = new Map<string, Promise<Resolved>>();
  private readonly texts = new Map<string, Promise<string | undefined>>();
  private readonly tomls = new Map<string, Promise<TomlTable | undefined>>();
  private readonly jsons = new Map<string, Promise<unknown>>();
  private readonly pythons = new Map<string, Promise<PythonSource | undefined>>();
  private readonly listings = new Map<string, Promise<DirectoryEntry[]>>();

  private constructor(
    /** The project folder as given, absolute. */
    readonly root: string,
    /** Its real path: what "inside the project" is measured against. */
    private readonly realRoot: string,
  ) {}

  /** The project at `root`; a one-line UsageError when it is not a folder. */
  static async open(root: string): Promise<ProjectFiles> {
    const absolute = path.resolve(root);
    let real: string;
    try {
      real = await realpath(absolute);
      if (!(await stat(real)).isDirectory()) throw new Error('not a folder');
    } catch {
      throw new ProjectFileError({ code: 'projectFolderNotFound', path: root });
    }
    return new ProjectFiles(absolute, real);
  }

  /** The absolute path of a project-relative one (for messages and tests, never for reading around this object). */
  absolute(file: string): string {
    return path.join(this.root, ...file.split('/'));
  }

  private skip(entry: SkippedFile): void {
    if (!this.skipped.some((seen) => seen.file === entry.file && seen.reason === entry.reason)) this.skipped.push(entry);
  }

  private resolve(file: string): Promise<Resolved> {
    let found = this.resolved.get(file);
    if (!found) {
      found = this.resolveUncached(file);
      this.resolved.set(file, found);
    }
    return found;
  }

  private async resolveUncached(file: string): Promise<Resolved> {
    const absolute = this.absolute(file);
    if (!isInside(this.root, absolute)) return { size: 0, outside: true, dangling: false };
    try {
      await lstat(absolute);
    } catch {
      return { size: 0, outside: false, dangling: false }; // absent
    }
    let real: string;
    try {
      real = await realpath(absolute);
    } catch {
      return { size: 0, outside: false, dangling: true };
    }
    if (!isInside(this.realRoot, real)) return { size: 0, outside: true, dangling: false };
    try {
      const info = await stat(real);
      const kind = info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
      return { kind, size: info.size, real, outside: false, dangling: false };
    } catch {
      return { size: 0, outside: false, dangling: true };
    }
  }

  /** 'file' or 'directory' when `file` is one inside the project; undefined when absent, elsewhere or special. */
  async kind(file: string): Promise<EntryKind | undefined> {
    const resolved = await this.resolve(file);
    if (resolved.outside) this.skip({ file, reason: 'outsideProject' });
    return resolved.kind === 'file' || resolved.kind === 'directory' ? resolved.kind : undefined;
  }

  async isFile(file: string): Promise<boolean> {
    return (await this.kind(file)) === 'file';
  }

  async isDirectory(file: string): Promise<boolean> {
    return (await this.kind(file)) === 'directory';
  }

  /**
   * Why a file that is there cannot be used as a file (a folder, a link to nothing, unreadable),
   * or undefined when it is a readable file or absent. A link out of the project counts as absent.
   */
  async unusable(file: string): Promise<'folder' | 'dangling' | 'special' | 'unreadable' | undefined> {
    const resolved = await this.resolve(file);
    if (resolved.outside) {
      this.skip({ file, reason: 'outsideProject' });
      return undefined;
    }
    if (resolved.dangling) return 'dangling';
    if (resolved.kind === 'directory') return 'folder';
    if (resolved.kind === 'other') return 'special';
    if (resolved.kind === 'file') {
      try {
        await access(resolved.real!, constants.R_OK);
      } catch {
        return 'unreadable';
      }
    }
    return undefined;
  }

  /** The entries of a folder (`''` for the root), sorted by name; links that leave the project are left out. */
  list(folder: string): Promise<DirectoryEntry[]> {
    let found = this.listings.get(folder);
    if (!found) {
      found = this.listUncached(folder);
      this.listings.set(folder, found);
    }
    return found;
  }

  private async listUncached(folder: string): Promise<DirectoryEntry[]> {
    if (folder !== '' && (await this.kind(folder)) !== 'directory') return [];
    let names: string[];
    try {
      names = await readdir(folder === '' ? this.realRoot : (await this.resolve(folder)).real!);
    } catch {
      return [];
    }
    const entries: DirectoryEntry[] = [];
    for (const name of names.sort()) {
      const kind = await this.kind(folder === '' ? name : `${folder}/${name}`);
      if (kind) entries.push({ name, kind });
    }
    return entries;
  }

  /** The text of a file inside the project, or undefined (absent, elsewhere, a folder, or over `maxBytes`). */
  text(file: string, maxBytes = MAX_TEXT_BYTES): Promise<string | undefined> {
    let found = this.texts.get(file);
    if (!found) {
      found = this.textUncached(file, maxBytes);
      this.texts.set(file, found);
    }
    return found;
  }

  private async textUncached(file: string, maxBytes: number): Promise<string | undefined> {
    if ((await this.kind(file)) !== 'file') return undefined;
    const resolved = await this.resolve(file);
    if (resolved.size > maxBytes) {
      this.skip({ file, reason: 'tooLarge' });
      return undefined;
    }
    try {
      return stripBom(await readFile(resolved.real!, 'utf8'));
    } catch {
      return undefined;
    }
  }

  /** A TOML file, parsed once; a syntax error is a one-line UsageError naming the file, line and column. */
  toml(file: string, maxBytes = MAX_DATA_BYTES): Promise<TomlTable | undefined> {
    let found = this.tomls.get(file);
    if (!found) {
      found = this.text(file, maxBytes).then((text) => (text === undefined ? undefined : parseToml(file, text)));
      this.tomls.set(file, found);
    }
    return found;
  }

  /** A JSON file, parsed once; bad JSON is a one-line UsageError naming the file. */
  json(file: string, maxBytes = MAX_DATA_BYTES): Promise<unknown> {
    let found = this.jsons.get(file);
    if (!found) {
      found = this.text(file, maxBytes).then((text) => {
        if (text === undefined) return undefined;
        try {
          return JSON.parse(text) as unknown;
        } catch (error) {
          throw new ProjectFileError({ code: 'invalidJson', file, reason: firstLine((error as Error).message) });
        }
      });
      this.jsons.set(file, found);
    }
    return found;
  }

  /** A Python file, parsed once (never run); undefined when it cannot be read or does not parse (said in `skipped`). */
  python(file: string): Promise<PythonSource | undefined> {
    let found = this.pythons.get(file);
    if (!found) {
      found = this.text(file).then((text) => {
        if (text === undefined) return undefined;
        const source = parsePython(file, text);
        if (source.errorLine !== undefined) {
          this.skip({ file, reason: 'doesNotParse', line: source.errorLine });
          return undefined;
        }
        return source;
      });
      this.pythons.set(file, found);
    }
    return found;
  }
}
