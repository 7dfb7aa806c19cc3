/**
 * Merging our .dockerignore into one the user already has: their lines stay as they are, the
 * patterns they lack are appended once, and a pattern they deliberately re-include (`!x`) is
 * not added over their exception.
 */
export const MERGE_HEADER = '# Added by generator-python-docker: what a Python image build should not see';

/** A pattern in comparable form: no surrounding blanks, leading "/" or trailing "/". */
function canonical(pattern: string): string {
  return pattern.trim().replace(/^\/+/, '').replace(/\/+$/, '');
}

function patterns(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** The literal start of a pattern, before its first wildcard: ".env.*" -> ".env.". */
function literalPrefix(pattern: string): string {
  const wildcard = pattern.search(/[*?[]/);
  return wildcard < 0 ? pattern : pattern.slice(0, wildcard);
}

export interface DockerignoreMerge {
  /** The merged file, or undefined when the user's file already has everything. */
  content?: string;
  added: string[];
  /** Our patterns left out because the user re-includes something they would exclude. */
  keptUserExceptions: string[];
}

export function mergeDockerignore(existing: string, generated: string, header: string = MERGE_HEADER): DockerignoreMerge {
  const userPatterns = patterns(existing);
  const have = new Set(userPatterns.map(canonical));
  const exceptions = userPatterns.filter((line) => line.startsWith('!')).map((line) => canonical(line.slice(1)));
  const added: string[] = [];
  const keptUserExceptions: string[] = [];
  for (const pattern of patterns(generated)) {
    if (have.has(canonical(pattern))) continue;
    // `**/.env` covers the root's `.env` too: the user's `!.env` is an exception to it.
    const anywhere = canonical(pattern).replace(/^(\*\*\/)+/, '');
    const prefix = literalPrefix(anywhere);
    if (exceptions.some((exception) => exception === anywhere || (prefix !== '' && exception.startsWith(prefix)))) {
      keptUserExceptions.push(pattern);
      continue;
    }
    have.add(canonical(pattern));
    added.push(pattern);
  }
  if (added.length === 0) return { added, keptUserExceptions };
  const base = existing.length === 0 || existing.endsWith('\n') ? existing : `${existing}\n`;
  return { content: `${base}\n${header}\n${added.join('\n')}\n`, added, keptUserExceptions };
}

/** One .dockerignore line as Docker reads it: a regular expression over slash paths, and whether it re-includes (`!`). */
interface IgnoreRule {
  line: string;
  negated: boolean;
  regex: RegExp;
}

/**
 * Docker's pattern syntax (moby/patternmatcher over Go's filepath.Match): `*` and `?` stay inside
 * one folder, `**` crosses folders, `[...]` is a class, `\` escapes. One pass over the pattern.
 */
function ruleFor(line: string): IgnoreRule {
  const negated = line.startsWith('!');
  const pattern = canonical(negated ? line.slice(1) : line);
  let source = '^';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index]!;
    if (char === '*' && pattern[index + 1] === '*') {
      index += 1;
      if (pattern[index + 1] === '/') {
        index += 1;
        source += '(?:.*/)?';
      } else source += '.*';
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '\\' && index + 1 < pattern.length) {
      index += 1;
      source += pattern[index]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (char === '[' && pattern.indexOf(']', index + 1) > index) {
      const end = pattern.indexOf(']', index + 1);
      source += `[${pattern.slice(index + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
      index = end;
    } else source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return { line, negated, regex: new RegExp(`${source}$`) };
}

/** The path and each folder above it: "a/b/c" -> ["a/b/c", "a/b", "a"] (a pattern on a folder covers what is in it). */
function withParents(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, index) => parts.slice(0, parts.length - index).join('/'));
}

/** The rules of a .dockerignore, in order (the last rule that matches a path decides). */
export function ignoreRules(content: string): IgnoreRule[] {
  return patterns(content).map(ruleFor);
}

/** Whether a build context leaves `path` out under these rules, and the rule that decided. */
export function excludedBy(rules: readonly IgnoreRule[], path: string): { excluded: boolean; rule?: IgnoreRule } {
  const candidates = withParents(path);
  let decided: IgnoreRule | undefined;
  for (const rule of rules) if (candidates.some((candidate) => rule.regex.test(candidate))) decided = rule;
  return { excluded: decided !== undefined && !decided.negated, rule: decided };
}

/** What a .dockerignore must keep out of every image: local secrets and the repository's history, each with paths that stand for it. */
const GUARDED: ReadonlyArray<{ name: string; probes: readonly string[] }> = [
  { name: '.env', probes: ['.env', '.env.local', '.env.production', 'backend/.env', 'config/.env.production'] },
  { name: '.git', probes: ['.git', '.git/config', '.git/HEAD'] },
];

/**
 * Which of `.env` files and `.git` a .dockerignore still lets into the build context (a user's
 * exception such as `!.env` or `!.git`, kept since the file is theirs), and the lines that do it.
 */
export function guardedLetIn(content: string): { names: string[]; exceptions: string[] } {
  const rules = ignoreRules(content);
  const names: string[] = [];
  const exceptions = new Set<string>();
  for (const { name, probes } of GUARDED) {
    const entering = probes.map((probe) => excludedBy(rules, probe)).filter((result) => !result.excluded);
    if (entering.length === 0) continue;
    names.push(name);
    for (const { rule } of entering) if (rule) exceptions.add(rule.line);
  }
  return { names, exceptions: [...exceptions] };
}

/**
 * True when a .dockerignore starts as this generator writes it: its first line is the first
 * comment line of one of the languages' headers (so a file an earlier run wrote is not called the
 * user's, in whatever language it was written).
 */
export function writtenByGenerator(existing: string, headers: readonly string[]): boolean {
  const first = existing.split(/\r?\n/, 1)[0].trim();
  return headers.some((header) => first === `# ${header.split('\n')[0]}`);
}
