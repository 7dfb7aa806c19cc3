/**
 * Paths an app writes at run time next to its code, read from source text (never run): Flask's
 * instance folder, SQLite files, log folders. In the image the code lives in the working
 * directory; an app user that cannot create these there crashes at start (PermissionError), and
 * what it writes is lost with the container unless a volume is mounted there.
 *
 * Found:
 * - Flask's instance folder: `os.makedirs(app.instance_path ...)`, `instance_relative_config=True`
 *   or `app.instance_path` joined with a file -> `instance/` (next to the package, which is the
 *   working directory for a package at the project root);
 * - relative folders created by the code: `os.makedirs("logs")`, `os.mkdir("data")`,
 *   `Path("uploads").mkdir(...)`;
 * - log files: `FileHandler("logs/app.log")` (and Rotating/TimedRotating) -> `logs/`, or the
 *   file itself at the root;
 * - SQLite: `sqlite3.connect("app.db")`, a relative `sqlite:///app.db` URL, Django's
 *   `BASE_DIR / "db.sqlite3"` (or `os.path.join(BASE_DIR, "db.sqlite3")`), a `.db` / `.sqlite`
 *   file joined to `basedir` (the module's folder, taken as the working directory).
 * Absolute paths (`/tmp/...`, `/data/...`) are not next to the code and are left out.
 */
import type { ProjectFiles } from './project-files.js';
import { lineOf, scanCode } from './source.js';

export interface RuntimeWrite {
  /** Relative to the working directory: a folder ends with "/" ("instance/", "logs/"), else a file ("db.sqlite3"). */
  path: string;
  /** "file:line". */
  source: string;
  /** Under the app user's home instead (lib/read/home-writes.ts): `path` is then "~/.cache/", "~/" for the home itself. */
  home?: true;
}

/** A relative path as written in the code -> what it means in the working directory, or undefined when it is not under it. */
function normalize(raw: string, folder: boolean): string | undefined {
  let path = raw.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  if (path === '' || path === '.' || path.startsWith('/') || path.startsWith('~') || path.startsWith('..') || /[{}%$]/.test(path)) return undefined;
  path = path.replace(/\/+$/, '');
  return folder ? `${path}/` : path;
}

/** The top-level entry of a path: "logs/app.log" -> "logs/", "app.db" -> "app.db". */
function topLevel(path: string): string {
  const slash = path.indexOf('/');
  return slash < 0 || slash === path.length - 1 ? path : `${path.slice(0, slash)}/`;
}

const STR = `['"]([^'"\\n]+)['"]`;

/** Paths one module's code writes at run time (comments and docstrings already removed). */
export function writesInCode(code: string, file: string): RuntimeWrite[] {
  const found: Array<RuntimeWrite & { index: number }> = [];
  const add = (path: string | undefined, index: number) => {
    if (path === undefined) return;
    found.push({ path: topLevel(path), index, source: `${file}:${lineOf(code, index)}` });
  };
  for (const match of code.matchAll(/os\.makedirs\(\s*[\w.]*instance_path\b|\binstance_relative_config\s*=\s*True|os\.path\.join\(\s*[\w.]*instance_path\s*,/g)) {
    add('instance/', match.index!);
  }
  for (const match of code.matchAll(new RegExp(`\\bos\\.(?:makedirs|mkdir)\\(\\s*${STR}`, 'g'))) add(normalize(match[1]!, true), match.index!);
  for (const match of code.matchAll(new RegExp(`\\bPath\\(\\s*${STR}\\s*\\)\\.mkdir\\(`, 'g'))) add(normalize(match[1]!, true), match.index!);
  for (const match of code.matchAll(new RegExp(`\\b(?:Rotating|TimedRotating|Watched)?FileHandler\\(\\s*(?:filename\\s*=\\s*)?${STR}`, 'g'))) {
    add(normalize(match[1]!, false), match.index!);
  }
  for (const match of code.matchAll(new RegExp(`\\bsqlite3\\.connect\\(\\s*${STR}`, 'g'))) {
    if (match[1] !== ':memory:') add(normalize(match[1]!, false), match.index!);
  }
  // sqlite:///relative.db (three slashes: relative to the working directory; four: absolute).
  for (const match of code.matchAll(/['"]sqlite(?:\+\w+)?:\/\/\/([^/'"\n][^'"\n]*)['"]/g)) add(normalize(match[1]!, false), match.index!);
  // Django's default: "NAME": BASE_DIR / "db.sqlite3", or os.path.join(BASE_DIR, "db.sqlite3").
  for (const match of code.matchAll(new RegExp(`['"]NAME['"]\\s*:\\s*(?:str\\()?\\s*(?:BASE_DIR\\s*/\\s*${STR}|os\\.path\\.join\\(\\s*BASE_DIR\\s*,\\s*${STR})`, 'g'))) {
    add(normalize(match[1] ?? match[2]!, false), match.index!);
  }
  // A database file next to the code: os.path.join(basedir, "app.db") (Flask-SQLAlchemy's 'sqlite:///' + ...).
  for (const match of code.matchAll(/os\.path\.join\(\s*(?:basedir|base_dir|BASE_DIR|BASEDIR|here|HERE)\s*,\s*['"]([^'"\n]+\.(?:db|sqlite3?))['"]\s*\)/g)) {
    add(normalize(match[1]!, false), match.index!);
  }
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.index - b.index)
    .filter((write) => !seen.has(write.path) && seen.add(write.path))
    .map(({ path, source }) => ({ path, source }));
}

/** Paths written at run time by the given files (project-relative), each path once. */
export function findRuntimeWrites(project: ProjectFiles, files: readonly string[]): Promise<RuntimeWrite[]> {
  return scanCode(project, files, writesInCode, (write) => write.path);
}
