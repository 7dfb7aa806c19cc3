/**
 * Reads a pip requirements file the way `pip install -r` does, far enough to know which files
 * a dependency layer needs and which distributions it installs: comments, line continuations,
 * `-r`/`-c` includes (relative to the including file, recursive, cycle-safe), editables and
 * local paths, URL and VCS requirements, per-requirement `--hash` options and index options.
 * Anything pip would refuse to parse is a UsageError naming the file and line.
 */
import path from 'node:path';
import { isInside, type ProjectFiles, relativePath } from './project-files.js';
import { NAME_PATTERN, RequirementSyntaxError, isValidName, normalizeName, parsePep508 } from './pep508.js';
import { ProjectFileError, type RequirementsLineWhy } from './problems.js';

export interface RequirementsFacts {
  /** The top-level file first, then every `-r`/`-c` file, local `--find-links` folder and local archive, in the order met. */
  files: string[];
  /** Distribution names (PEP 503) from requirement lines, in the order met, without duplicates. Constraints add none. */
  packages: string[];
  /** True when a requirement is a local folder (`.`, `-e .`, `-e ./sub`): the code must be present to install. */
  installsProject: boolean;
  /** Exact pins (`name==1.2.3`, no marker), by PEP 503 name. */
  pins: Record<string, string>;
  /** Options that are not requirements or includes (`--pre`, `--extra-index-url URL`, `--global-option`), where they were written, in the order met. */
  options: RequirementOption[];
  /** A requirement carries `--hash`: pip's hash-checking mode, where every requirement, dependencies included, must be pinned with its hashes (a closed set). */
  hashed: boolean;
  /** Extras asked for, by PEP 503 name (`psycopg[binary]` -> { psycopg: ["binary"] }); absent when none. */
  extras?: Record<string, string[]>;
}

/** An option of a requirements file that changes how the installer works, and where it is written. */
export interface RequirementOption {
  /** As pip spells it: `--trusted-host`, `-i`, `--global-option`. */
  name: string;
  value?: string;
  file: string;
  line: number;
}

/** One logical line: continuation lines joined, comments removed. `line` is where it starts (1-based). */
export interface LogicalLine {
  line: number;
  text: string;
}

/** Splits requirements text into logical lines as pip does (`\` continuations, `#` comments after whitespace). */
export function logicalLines(text: string): LogicalLine[] {
  const joined: LogicalLine[] = [];
  let buffer: string[] = [];
  let start = 0;
  const physical = text.split(/\r\n|\n|\r/);
  physical.forEach((line, index) => {
    const number = index + 1;
    const isComment = /^\s*#/.test(line);
    if (!line.endsWith('\\') || isComment) {
      if (buffer.length > 0) {
        buffer.push(line);
        joined.push({ line: start, text: buffer.join('') });
        buffer = [];
      } else {
        joined.push({ line: number, text: line });
      }
    } else {
      if (buffer.length === 0) start = number;
      buffer.push(line.replace(/\\+$/, ''));
    }
  });
  if (buffer.length > 0) joined.push({ line: start, text: buffer.join('') });
  return joined
    .map(({ line, text: content }) => ({ line, text: content.replace(/(^|\s+)#.*$/, '').trim() }))
    .filter(({ text: content }) => content !== '');
}

type OptionKind = 'requirement' | 'constraint' | 'editable' | 'global' | 'per-requirement';

interface OptionSpec {
  kind: OptionKind;
  takesValue: boolean;
}

/** pip's requirements-file options. Index and format options are accepted and do not name packages. */
const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  '-r': { kind: 'requirement', takesValue: true },
  '--requirement': { kind: 'requirement', takesValue: true },
  '-c': { kind: 'constraint', takesValue: true },
  '--constraint': { kind: 'constraint', takesValue: true },
  '-e': { kind: 'editable', takesValue: true },
  '--editable': { kind: 'editable', takesValue: true },
  '-i': { kind: 'global', takesValue: true },
  '--index-url': { kind: 'global', takesValue: true },
  '--extra-index-url': { kind: 'global', takesValue: true },
  '--no-index': { kind: 'global', takesValue: false },
  '-f': { kind: 'global', takesValue: true },
  '--find-links': { kind: 'global', takesValue: true },
  '--trusted-host': { kind: 'global', takesValue: true },
  '--no-binary': { kind: 'global', takesValue: true },
  '--only-binary': { kind: 'global', takesValue: true },
  '--prefer-binary': { kind: 'global', takesValue: false },
  '--pre': { kind: 'global', takesValue: false },
  '--require-hashes': { kind: 'global', takesValue: false },
  '--use-feature': { kind: 'global', takesValue: true },
  '--hash': { kind: 'per-requirement', takesValue: true },
  '--config-settings': { kind: 'per-requirement', takesValue: true },
  '-C': { kind: 'per-requirement', takesValue: true },
  '--global-option': { kind: 'per-requirement', takesValue: true },
};

const ARCHIVE = /\.(whl|tar\.gz|tgz|tar\.bz2|tbz|tar\.xz|txz|tar|zip)$/i;

interface Where {
  file: string;
  line: number;
}

type Mode = 'requirements' | 'constraints';

class Reader {
  readonly files: string[] = [];
  readonly packages: string[] = [];
  installsProject = false;
  readonly pins: Record<string, string> = {};
  readonly options: RequirementOption[] = [];
  hashed = false;
  /** Extras asked for, by PEP 503 name (`psycopg[binary]`). */
  readonly extras: Record<string, string[]> = {};
  private readonly seen = new Set<string>();

  private readonly root: string;

  constructor(private readonly project: ProjectFiles) {
    this.root = project.root;
  }

  fail(where: Where, why: RequirementsLineWhy, values: { name?: string; value?: string } = {}): never {
    throw new ProjectFileError({ code: 'requirementsLine', file: where.file, line: where.line, why, ...values });
  }

  async readFile(file: string, mode: Mode): Promise<void> {
    // Include cycles and repeated includes are read once (once as requirements, once as constraints at most).
    if (this.seen.has(`${mode}:${file}`)) return;
    this.seen.add(`${mode}:${file}`);
    if (!this.files.includes(file)) this.files.push(file);
    const text = await this.project.text(file);
    if (text === undefined) throw new ProjectFileError({ code: 'requirementsMissing', file, unreadable: true });
    for (const { line, text: content } of logicalLines(text)) {
      await this.readLine({ file, line }, content, mode);
    }
  }

  private async readLine(where: Where, content: string, mode: Mode): Promise<void> {
    const tokens = content.split(/\s+/);
    const firstOption = tokens.findIndex((token) => token.startsWith('-'));
    const args = firstOption === -1 ? tokens : tokens.slice(0, firstOption);
    const options = this.parseOptions(where, firstOption === -1 ? [] : tokens.slice(firstOption));

    if (args.length > 0) {
      for (const option of options) {
        if (OPTIONS[option.name]!.kind !== 'per-requirement') {
          this.fail(where, 'optionAfterRequirement', { name: option.name });
        }
        if (option.name === '--hash') this.hashed = true;
        else this.options.push({ ...option, ...where });
      }
      await this.readRequirement(where, args.join(' '), mode, false);
      return;
    }
    for (const option of options) {
      const { kind } = OPTIONS[option.name]!;
      const value = option.value ?? '';
      // As in pip, `-r` inside a constraints file still names requirements.
      if (kind === 'requirement') await this.include(where, option.name, value, 'requirements');
      else if (kind === 'constraint') await this.include(where, option.name, value, 'constraints');
      else if (kind === 'editable') await this.readRequirement(where, value, mode, true);
      else if (option.name === '-f' || option.name === '--find-links') await this.findLinks(where, value);
      else if (kind === 'per-requirement') this.fail(where, 'optionNeedsRequirement', { name: option.name });
      if (kind === 'global') this.options.push({ ...option, ...where });
    }
  }

  private parseOptions(where: Where, tokens: string[]): { name: string; value?: string }[] {
    const parsed: { name: string; value?: string }[] = [];
    for (let index = 0; index < tokens.length; index += 1) {
      const token = tokens[index]!;
      if (!token.startsWith('-')) this.fail(where, 'unexpectedAfterOptions', { value: token });
      let name: string;
      let value: string | undefined;
      if (token.startsWith('--')) {
        const equals = token.indexOf('=');
        name = equals === -1 ? token : token.slice(0, equals);
        value = equals === -1 ? undefined : token.slice(equals + 1);
      } else {
        name = token.slice(0, 2);
        value = token.length > 2 ? token.slice(2) : undefined;
      }
      const spec = OPTIONS[name];
      if (!spec) this.fail(where, 'unknownOption', { value: name });
      if (spec.takesValue && value === undefined) {
        value = tokens[index + 1];
        index += 1;
        if (value === undefined || value === '') this.fail(where, 'optionNeedsValue', { name });
      }
      if (!spec.takesValue && value !== undefined) this.fail(where, 'optionTakesNoValue', { name });
      if (name === '--hash' && !/^[a-z0-9]+:[0-9a-fA-F]+$/.test(value!)) {
        this.fail(where, 'badHash', { value: value! });
      }
      parsed.push(value === undefined ? { name } : { name, value });
    }
    return parsed;
  }

  /** A local --find-links folder (relative to the file, else to the root, as pip does) is needed to install: list it. */
  private async findLinks(where: Where, target: string): Promise<void> {
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(target)) return; // a URL
    for (const absolute of [path.resolve(this.root, path.dirname(where.file), target), path.resolve(this.root, target)]) {
      if (!isInside(this.root, absolute)) continue;
      const file = relativePath(this.root, absolute);
      if ((await this.project.kind(file)) === undefined) continue;
      if (!this.files.includes(file)) this.files.push(file);
      return;
    }
  }

  private async include(where: Where, option: string, target: string, mode: Mode): Promise<void> {
    if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(target)) return; // a remote file: pip fetches it at install time
    const absolute = path.resolve(this.root, path.dirname(where.file), target);
    if (!isInside(this.root, absolute)) {
      this.fail(where, 'outsideProject', { name: option, value: target });
    }
    const file = relativePath(this.root, absolute);
    if (!(await this.project.isFile(file))) throw new ProjectFileError({ code: 'includeNotFound', file: where.file, line: where.line, option, target, path: file });
    await this.readFile(file, mode);
  }

  private async readRequirement(where: Where, text: string, mode: Mode, editable: boolean): Promise<void> {
    const named = new RegExp(`^${NAME_PATTERN}\\s*(\\[[^\\]]*\\])?\\s*@`).test(text);
    const [spec = ''] = text.split(/\s+;/); // a marker after a URL or path needs whitespace before `;`
    let name: string | undefined;
    if (!named && /^([A-Za-z][A-Za-z0-9+.-]*:\/\/|file:)/.test(spec)) {
      name = this.nameFromUrl(where, spec);
    } else if (!named && (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('~') || /[/\\]/.test(spec))) {
      name = await this.readLocalPath(where, spec, mode);
    } else {
      if (editable) this.fail(where, 'editableTarget', { value: text });
      try {
        const requirement = parsePep508(text);
        name = requirement.name;
        if (requirement.extras.length > 0 && mode === 'requirements') {
          const known = (this.extras[normalizeName(name)] ??= []);
          for (const extra of requirement.extras) if (!known.includes(extra)) known.push(extra);
        }
        const exact = /^==\s*([0-9][0-9A-Za-z.+!-]*)$/.exec(requirement.specifier?.trim() ?? '');
        if (exact && requirement.marker === undefined && mode === 'requirements') this.pins[normalizeName(name)] = exact[1]!;
      } catch (error) {
        if (!(error instanceof RequirementSyntaxError)) throw error;
        throw new ProjectFileError({ code: 'invalidRequirement', file: where.file, line: where.line, text, reason: error.message });
      }
    }
    if (name !== undefined && mode === 'requirements') {
      const normalized = normalizeName(name);
      if (!this.packages.includes(normalized)) this.packages.push(normalized);
    }
  }

  /** `#egg=name` for VCS and plain URLs, else the name in a wheel or sdist file name, else none. */
  private nameFromUrl(where: Where, url: string): string | undefined {
    const egg = /[#&]egg=([^&\s[]+)/.exec(url);
    if (egg) {
      const name = egg[1]!;
      if (!isValidName(name)) this.fail(where, 'badEggName', { name, value: url });
      return name;
    }
    const lastSegment = url.replace(/[?#].*$/, '').split('/').pop() ?? '';
    return nameFromArchive(lastSegment);
  }

  private async readLocalPath(where: Where, spec: string, mode: Mode): Promise<string | undefined> {
    const target = spec.replace(/\[[^\]]*\]$/, ''); // `.[dev]`: extras of a local project
    const absolute = path.resolve(this.root, target); // pip resolves local paths from the working directory
    if (target.startsWith('~') || !isInside(this.root, absolute)) {
      this.fail(where, 'outsideProject', { value: target });
    }
    const local = relativePath(this.root, absolute);
    if (await this.project.isDirectory(local)) {
      if (mode === 'requirements') this.installsProject = true;
      return undefined;
    }
    if ((await this.project.isFile(local)) && ARCHIVE.test(absolute)) {
      if (!this.files.includes(local)) this.files.push(local);
      return nameFromArchive(path.basename(absolute));
    }
    this.fail(where, 'noSuchTarget', { value: target });
  }
}

/** `Flask-3.1.3-py3-none-any.whl` -> "Flask"; `flask-3.1.3.tar.gz` -> "flask"; anything else -> undefined. */
export function nameFromArchive(fileName: string): string | undefined {
  if (/\.whl$/i.test(fileName)) {
    const name = fileName.split('-')[0];
    return name && isValidName(name) ? name : undefined;
  }
  if (!ARCHIVE.test(fileName)) return undefined;
  const match = /^(.+?)-\d/.exec(fileName.replace(ARCHIVE, ''));
  return match && isValidName(match[1]!) ? match[1] : undefined;
}

/**
 * Reads `file` (relative to `root`) and everything it includes. Throws UsageError on anything
 * pip could not parse: an unknown option, a missing include, a line that is not a requirement.
 */
export async function readRequirementsFile(project: ProjectFiles, file: string): Promise<RequirementsFacts> {
  const reader = new Reader(project);
  if (!(await project.isFile(file))) throw new ProjectFileError({ code: 'requirementsMissing', file, unreadable: false });
  await reader.readFile(file.split(path.sep).join('/'), 'requirements');
  return {
    files: reader.files,
    packages: reader.packages,
    installsProject: reader.installsProject,
    pins: reader.pins,
    options: reader.options,
    hashed: reader.hashed,
    ...(Object.keys(reader.extras).length > 0 ? { extras: reader.extras } : {}),
  };
}
