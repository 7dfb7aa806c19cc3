/**
 * Just enough of PEP 508 (dependency specifiers) and PEP 503 (name normalization) to read
 * the names a project declares. Versions and markers are checked for shape, not evaluated.
 */

/** PEP 503: lowercase, and every run of `-`, `_` and `.` becomes one `-`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** A PEP 508 distribution name: letters and digits at both ends, `._-` inside. */
export const NAME_PATTERN = '[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?';

export function isValidName(name: string): boolean {
  return new RegExp(`^${NAME_PATTERN}$`).test(name);
}

export interface Pep508Requirement {
  /** The name as written. */
  name: string;
  extras: string[];
  /** `name @ url` form. */
  url?: string;
  /** Version specifier as written, e.g. ">=3.1,<4". */
  specifier?: string;
  marker?: string;
}

/** Thrown by parsePep508 with a reason; callers add the file and line. */
export class RequirementSyntaxError extends Error {
  override name = 'RequirementSyntaxError';
}

const HEAD = new RegExp(`^(${NAME_PATTERN})\\s*(?:\\[([^\\]]*)\\])?\\s*`);
const CLAUSE = /^(===|~=|==|!=|<=|>=|<|>)\s*([A-Za-z0-9.*+!_-]+)$/;

/** Parses `name[extras] specifier ; marker` or `name[extras] @ url ; marker`. */
export function parsePep508(text: string): Pep508Requirement {
  const source = text.trim();
  const head = HEAD.exec(source);
  if (!head) throw new RequirementSyntaxError('no package name at the start');
  const name = head[1]!;
  const extras = parseExtras(head[2]);
  let rest = source.slice(head[0].length);
  const requirement: Pep508Requirement = { name, extras };

  if (rest.startsWith('@')) {
    // The URL ends at whitespace; a marker must then be separated by whitespace and `;`.
    const url = /^@\s*(\S+)/.exec(rest);
    if (!url) throw new RequirementSyntaxError('"@" without a URL');
    requirement.url = url[1]!;
    rest = rest.slice(url[0].length).trim();
    if (rest !== '') {
      if (!rest.startsWith(';')) throw new RequirementSyntaxError(`unexpected text after the URL: ${rest}`);
      requirement.marker = parseMarker(rest.slice(1));
    }
    return requirement;
  }

  const semicolon = rest.indexOf(';');
  const versionPart = (semicolon === -1 ? rest : rest.slice(0, semicolon)).trim();
  if (semicolon !== -1) requirement.marker = parseMarker(rest.slice(semicolon + 1));
  if (versionPart !== '') {
    if (!/^[(<>=!~]/.test(versionPart)) throw new RequirementSyntaxError(`unexpected text after "${name}": ${versionPart}`);
    requirement.specifier = parseVersionSpecifier(versionPart);
  }
  return requirement;
}

function parseExtras(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  const extras = raw.split(',').map((extra) => extra.trim());
  for (const extra of extras) {
    if (!isValidName(extra)) throw new RequirementSyntaxError(`invalid extra "${extra}"`);
  }
  return extras;
}

function parseVersionSpecifier(raw: string): string {
  let text = raw;
  if (text.startsWith('(') && text.endsWith(')')) text = text.slice(1, -1).trim();
  for (const clause of text.split(',')) {
    if (!CLAUSE.test(clause.trim())) {
      throw new RequirementSyntaxError(`invalid version specifier "${raw}"`);
    }
  }
  return text;
}

function parseMarker(raw: string): string {
  const marker = raw.trim();
  if (marker === '') throw new RequirementSyntaxError('empty environment marker after ";"');
  return marker;
}
