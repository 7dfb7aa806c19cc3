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
    const prefix = literalPrefix(canonical(pattern));
    if (exceptions.some((exception) => exception === canonical(pattern) || (prefix !== '' && exception.startsWith(prefix)))) {
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

/**
 * True when a .dockerignore starts as this generator writes it: its first line is the first
 * comment line of one of the languages' headers (so a file an earlier run wrote is not called the
 * user's, in whatever language it was written).
 */
export function writtenByGenerator(existing: string, headers: readonly string[]): boolean {
  const first = existing.split(/\r?\n/, 1)[0].trim();
  return headers.some((header) => first === `# ${header.split('\n')[0]}`);
}
