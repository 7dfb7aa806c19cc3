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

/** Newest minor version we know of; anything newer is refused as a likely typo. */
export const NEWEST_PYTHON_MINOR = 15;
/** Oldest minor version accepted at all (with an end-of-life warning). */
export const OLDEST_PYTHON_MINOR = 8;

/**
 * Servers the image installs when the project needs one and does not depend on it, and the
 * dependency tools a Dockerfile installs to read a lock file.
 */
export const SERVER_PINS = {
  gunicorn: '27.0.1',
  uvicorn: '0.54.0',
} as const;

export const TOOL_PINS = {
  uv: '0.13.9',
  poetry: '2.5.1',
  poetryExport: '1.10.0',
  pipenv: '2026.10.3',
} as const;
