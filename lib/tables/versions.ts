/**
 * Every version the generator writes by default lives here, so a release bump is a
 * one-file change. Pins are exact: a workshop must build the same image on every laptop.
 */
export const DEFAULT_PYTHON_VERSION = '3.14';

/**
 * The sample app's dependencies. The original note pinned Flask 2.2.3 and gunicorn 20.1.0,
 * which carry published advisories (e.g. CVE-2023-30861 for Flask < 2.3.2 / 2.2.5,
 * CVE-2024-1135 and CVE-2024-6827 for gunicorn < 22 / 23).
 */
export const SAMPLE_REQUIREMENTS = {
  Flask: '3.1.3',
  gunicorn: '27.0.1',
} as const;

/**
 * Python end-of-life dates (https://devguide.python.org/versions/). A version past its date is
 * still accepted, with a warning, so the original note's 3.10 can be reproduced.
 */
export const PYTHON_END_OF_LIFE: Readonly<Record<string, string>> = {
  '3.8': '2024-10-07',
  '3.9': '2025-10-31',
  '3.10': '2026-10-31',
  '3.11': '2027-10-31',
  '3.12': '2028-10-31',
  '3.13': '2029-10-31',
  '3.14': '2030-10-31',
  '3.15': '2031-10-31',
};

/**
 * When each Python minor was released (https://devguide.python.org/versions/): a package that
 * publishes only source is taken to build on the Pythons that existed when it was released.
 */
export const PYTHON_RELEASED: Readonly<Record<string, string>> = {
  '3.8': '2019-10-14',
  '3.9': '2020-10-05',
  '3.10': '2021-10-04',
  '3.11': '2022-10-24',
  '3.12': '2023-10-02',
  '3.13': '2024-10-07',
  '3.14': '2025-10-07',
  '3.15': '2026-10-01',
};

/**
 * When pinned releases cannot be checked (the package index does not answer), the Python used
 * for a project that states no exact version: one minor below the default, which pins from
 * the last year or so usually have wheels for.
 */
export const UNCHECKED_PINS_PYTHON = '3.13';

/** Newest minor version we know of; anything newer is refused as a likely typo. */
export const NEWEST_PYTHON_MINOR = 15;
/** Oldest minor version accepted at all (with an end-of-life warning). */
export const OLDEST_PYTHON_MINOR = 8;

/**
 * Servers the image installs when the project needs one and does not depend on it: for each
 * server, releases newest first with the oldest Python each installs on (its Requires-Python on
 * the package index), so an image on an older Python gets a release that installs there
 * (gunicorn 24+ and uvicorn 0.40+ need 3.10). The first release whose Python the image meets wins.
 */
export const SERVER_PINS: Readonly<Record<'gunicorn' | 'uvicorn', readonly { version: string; python: string }[]>> = {
  gunicorn: [
    { version: '27.0.1', python: '3.10' },
    // The last release for 3.7-3.9; it carries the fixes for CVE-2024-1135 and CVE-2024-6827.
    { version: '23.0.0', python: '3.7' },
  ],
  uvicorn: [
    { version: '0.54.0', python: '3.10' },
    { version: '0.39.0', python: '3.9' },
    { version: '0.33.0', python: '3.8' },
  ],
};

/** The release of `server` to install on Python `version` (the newest whose Requires-Python it meets). */
export function serverPinFor(server: 'gunicorn' | 'uvicorn', version: string): { version: string; newest: string; newestNeeds: string } {
  const releases = SERVER_PINS[server];
  const fits = releases.find((release) => minorNumber(version) >= minorNumber(release.python)) ?? releases[releases.length - 1]!;
  return { version: fits.version, newest: releases[0]!.version, newestNeeds: releases[0]!.python };
}

/**
 * The dependency tools a Dockerfile installs to read a lock file.
 */

export const TOOL_PINS = {
  uv: '0.13.9',
  poetry: '2.5.1',
  poetryExport: '1.10.0',
  pipenv: '2026.10.3',
  pdm: '2.29.4',
  /** pdm 2.29.4 breaks with hishel 2.0 ("module 'hishel' has no attribute 'SyncSqliteStorage'"). */
  hishel: '1.4.0',
} as const;

/**
 * pkg_resources ships with setuptools up to 80.x and is gone from 81 on; Python 3.12+ images and
 * every venv have no setuptools at all. Code that imports it gets this release added (pinned: a
 * workshop builds the same image on every laptop), unless the project pins setuptools itself.
 */
export const LAST_SETUPTOOLS_WITH_PKG_RESOURCES = '80.10.2';
/** The first setuptools without pkg_resources. */
export const SETUPTOOLS_WITHOUT_PKG_RESOURCES = '81';

/**
 * Old pins that need a piece of their era's environment, added pinned to the image when the
 * project pins the old release and does not pin the piece itself. Checked on this machine:
 * gunicorn 20.x imports pkg_resources (gone from setuptools 81, and a venv has no setuptools);
 * Flask before 2.3 imports werkzeug.urls.url_quote (gone in Werkzeug 3.0).
 */
export const ERA_COMPANIONS: readonly { package: string; below: string; add: string; addName: string; why: string }[] = [
  { package: 'gunicorn', below: '21', add: `setuptools==${LAST_SETUPTOOLS_WITH_PKG_RESOURCES}`, addName: 'setuptools', why: 'gunicorn < 21 imports pkg_resources, which setuptools 81+ no longer has' },
  { package: 'flask', below: '2.3', add: 'Werkzeug==2.3.8', addName: 'werkzeug', why: 'Flask < 2.3 imports werkzeug.urls.url_quote, removed in Werkzeug 3' },
];

/** Pins the generator cannot make run, with what to change (one line each). */
export const ERA_REFUSALS: readonly { package: string; below: string; fix: string }[] = [
  { package: 'flask', below: '2.0', fix: 'Flask 1.x needs Jinja2<3.1, itsdangerous<2.1, MarkupSafe<2.1 and Werkzeug<2.1 pinned too: pin them, or move to Flask 2.3+' },
];

/**
 * The one grammar of a CPython 3 version the generator reads and writes, wherever it comes from
 * (.python-version, runtime.txt, --python-version, .yo-rc.json): "3.N" or "3.N.P", N and P of one
 * or two digits (no CPython minor or patch release has had three).
 */
export const PYTHON_VERSION_PATTERN = '3\\.\\d{1,2}(?:\\.\\d{1,2})?';
const PYTHON_VERSION = new RegExp(`^${PYTHON_VERSION_PATTERN}$`);

/** True when `text` is a CPython 3 version in the generator's grammar ("3.12", "3.12.4"). */
export function isPythonVersion(text: string): boolean {
  return PYTHON_VERSION.test(text);
}

/** The minor series of a version: "3.14.1" -> "3.14" (the one "minor of" in the code base). */
export function pythonMinor(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}

/** The minor number of a version: "3.14.1" -> 14, for comparing minors. */
export function minorNumber(version: string): number {
  return Number(version.split('.')[1]);
}

/** The Python minors the generator chooses among, newest first: the default down to the oldest accepted. */
export function candidateMinors(): string[] {
  const minors: string[] = [];
  for (let minor = minorNumber(DEFAULT_PYTHON_VERSION); minor >= OLDEST_PYTHON_MINOR; minor -= 1) minors.push(`3.${minor}`);
  return minors;
}

/** The newest minor of `minors` released before `time` (PYTHON_RELEASED); undefined when none was. */
export function newestReleasedBefore(time: string, minors: readonly string[]): string | undefined {
  const when = Date.parse(time);
  return minors.find((minor) => {
    const released = PYTHON_RELEASED[minor];
    return released !== undefined && Date.parse(`${released}T00:00:00Z`) < when;
  });
}

/** When a Python no longer gets security fixes on `today`: its minor version and end-of-life date. */
export function endOfLife(version: string, today: Date = new Date()): { minor: string; date: string } | undefined {
  const minor = pythonMinor(version);
  const date = PYTHON_END_OF_LIFE[minor];
  if (!date || new Date(`${date}T00:00:00Z`) > today) return undefined;
  return { minor, date };
}
