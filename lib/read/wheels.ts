/**
 * Which CPython versions a pinned release installs on without compiling anything, read from
 * the names of the files it publishes (PEP 427 wheel tags) and, for a release that publishes
 * no Linux wheel, from when it was released.
 *
 * The image is Linux (glibc, x86_64: the slim images), so a wheel counts when it is pure Python
 * (`py3-none-any`), or a CPython wheel for manylinux / linux x86_64: `cp313-cp313` for 3.13 only,
 * `cp39-abi3` for 3.9 and every later Python. Free-threaded (`cp313t`), PyPy, Windows and macOS
 * wheels do not count.
 *
 * A release with no Linux wheel at all (psycopg2 publishes only source and Windows wheels)
 * proves nothing by its wheels. If it is a package known to compile C code (NATIVE_DEPENDENCIES),
 * it is taken to build on the Pythons that existed when it was released; any other source-only
 * release is taken to be pure Python.
 */
import { NATIVE_DEPENDENCIES } from '../tables/native-deps.js';
import { PYTHON_RELEASED, candidateMinors, minorNumber } from '../tables/versions.js';
import { normalizeName } from './pep508.js';
import type { WheelSupport } from './types.js';

export { candidateMinors };

/** What a lock file or the package index says about one pinned release. */
export interface ReleaseFiles {
  /** PEP 503 name. */
  name: string;
  version: string;
  /** File names (wheels and sdists) of this release. */
  files: string[];
  /** When the release was uploaded (ISO 8601), when known. */
  uploadTime?: string;
  /** Where this came from, for the messages: "uv.lock", "poetry.lock", "the package index". */
  from: string;
}

interface WheelTags {
  python: string[];
  abi: string[];
  platform: string[];
}

/** `pydantic_core-2.23.4-cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64.whl` -> its tag sets; else undefined. */
export function wheelTags(fileName: string): WheelTags | undefined {
  if (!/\.whl$/i.test(fileName)) return undefined;
  const parts = fileName.replace(/\.whl$/i, '').split('-');
  if (parts.length < 5) return undefined;
  const [python, abi, platform] = parts.slice(-3) as [string, string, string];
  return { python: python.split('.'), abi: abi.split('.'), platform: platform.split('.') };
}

const LINUX_X86_64 = /^(manylinux\d*_(\d+_\d+_)?x86_64|manylinux1_x86_64|linux_x86_64)$/;

/** The CPython minors a wheel installs on, from the given candidates; `all` for a pure-Python wheel. */
export function wheelMinors(fileName: string, candidates: readonly string[]): string[] | 'all' {
  const tags = wheelTags(fileName);
  if (!tags) return [];
  const pure = tags.platform.includes('any') && tags.abi.includes('none');
  if (pure) {
    // py3 / py2.py3 / py3X (X or newer) / cp3X-none-any
    const ok = candidates.filter((minor) => tags.python.some((tag) => pythonTagAllows(tag, minor, true)));
    return ok.length === candidates.length ? 'all' : ok;
  }
  if (!tags.platform.some((platform) => LINUX_X86_64.test(platform))) return [];
  return candidates.filter((minor) =>
    tags.python.some((tag) => {
      if (!/^cp3\d+$/.test(tag)) return false;
      if (tags.abi.includes('abi3')) return pythonTagAllows(tag, minor, true);
      return tags.abi.includes(tag) && pythonTagAllows(tag, minor, false);
    }),
  );
}

function pythonTagAllows(tag: string, minor: string, orNewer: boolean): boolean {
  if (tag === 'py3' || tag === 'py2.py3') return true;
  const match = /^(?:py|cp)3(\d+)$/.exec(tag);
  if (!match) return false;
  const wanted = minorNumber(minor);
  const tagged = Number(match[1]);
  return orNewer ? wanted >= tagged : wanted === tagged;
}

/** The Python minors released on or before `time` (PYTHON_RELEASED), from the candidates. */
export function minorsReleasedBy(time: string, candidates: readonly string[]): string[] {
  const when = Date.parse(time);
  return candidates.filter((minor) => {
    const released = PYTHON_RELEASED[minor];
    return released !== undefined && Date.parse(`${released}T00:00:00Z`) <= when;
  });
}

/** Which candidate Pythons a release installs on without a compiler (see the top of this file). */
export function wheelSupport(release: ReleaseFiles, candidates: readonly string[] = candidateMinors()): WheelSupport {
  const base = { name: release.name, version: release.version, from: release.from, ...(release.uploadTime ? { released: release.uploadTime.slice(0, 10) } : {}) };
  const wheels = release.files.filter((file) => /\.whl$/i.test(file));
  const minors = new Set<string>();
  let pure = false;
  for (const wheel of wheels) {
    const found = wheelMinors(wheel, candidates);
    if (found === 'all') pure = true;
    else found.forEach((minor) => minors.add(minor));
  }
  if (pure) return { ...base, kind: 'pure' };
  if (minors.size > 0) return { ...base, kind: 'wheels', minors: candidates.filter((minor) => minors.has(minor)) };
  const compiles = NATIVE_DEPENDENCIES[normalizeName(release.name)] !== undefined;
  // Wheels for macOS or Windows only (kerberos 1.3.1): C code that pip compiles on Linux, with
  // -dev headers the table does not know. Any Python will do as well as another.
  if (!compiles && wheels.some((wheel) => !/-none-any\.whl$/i.test(wheel))) return { ...base, kind: 'otherSystemsOnly' };
  if (!compiles) return { ...base, kind: 'noLinuxWheel' };
  if (release.uploadTime === undefined) return { ...base, kind: 'sourceUndated' };
  return { ...base, kind: 'sourceByDate', minors: minorsReleasedBy(release.uploadTime, candidates) };
}

/** A wheel or sdist file name's version: `Flask-2.2.3-py3-none-any.whl` / `flask-2.2.3.tar.gz` -> "2.2.3". */
export function fileVersion(fileName: string): string | undefined {
  if (/\.whl$/i.test(fileName)) return fileName.split('-')[1];
  const match = /^.+?-(\d[^-]*?)\.(tar\.gz|tgz|zip|tar\.bz2|tar\.xz|tar)$/i.exec(fileName);
  return match?.[1];
}

/** The last path segment of a URL or path, without a query or fragment. */
export function fileNameOf(urlOrFile: string): string {
  return decodeURIComponent(urlOrFile.replace(/[?#].*$/, '').split('/').pop() ?? '');
}
