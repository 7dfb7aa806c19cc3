/**
 * Asks the package index which files a pinned release publishes (PEP 691 JSON simple API:
 * file names, hence wheel tags, and upload times), at generation time, so the Python version
 * can be chosen for pinned requirements that no lock file describes.
 *
 * The index is `PYDOCKER_INDEX_URL`, else pip's `PIP_INDEX_URL`, else https://pypi.org/simple.
 * A `file://` index is a folder of recorded answers, one `<name>.json` each (the tests use one).
 * `PYDOCKER_OFFLINE=1` never asks. Each look-up has a short timeout; a failure is reported, never
 * thrown, and the caller falls back (see python-choice.ts).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { normalizeName } from './pep508.js';
import { type ReleaseFiles, fileVersion } from './wheels.js';

export const DEFAULT_INDEX_URL = 'https://pypi.org/simple';
/** Per request; the whole look-up is bounded by the slowest of a few parallel requests. */
export const INDEX_TIMEOUT_MS = 4000;
const PARALLEL = 8;

/** A release's files, `missing` when the index does not know it, `unreachable` when it could not be asked. */
export type IndexAnswer = ReleaseFiles | 'missing' | 'unreachable';
export type IndexFetcher = (name: string, version: string) => Promise<IndexAnswer>;

interface SimpleFile {
  filename?: unknown;
  'upload-time'?: unknown;
  yanked?: unknown;
}

/** Picks a release's files out of a PEP 691 project page. */
export function releaseFromSimpleJson(page: unknown, name: string, version: string, from: string): ReleaseFiles | 'missing' {
  const files = (page as { files?: SimpleFile[] } | undefined)?.files;
  if (!Array.isArray(files)) return 'missing';
  const wanted = normalizeVersion(version);
  const mine = files.filter((file) => typeof file.filename === 'string' && normalizeVersion(fileVersion(file.filename) ?? '') === wanted);
  if (mine.length === 0) return 'missing';
  const times = mine.map((file) => file['upload-time']).filter((time): time is string => typeof time === 'string').sort();
  return {
    name: normalizeName(name),
    version,
    files: mine.map((file) => file.filename as string),
    ...(times[0] ? { uploadTime: times[0] } : {}),
    from,
  };
}

function normalizeVersion(version: string): string {
  return version.toLowerCase().replace(/(\.0)+$/, '');
}

export function indexUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env['PYDOCKER_OFFLINE'] === '1') return undefined;
  return (env['PYDOCKER_INDEX_URL'] || env['PIP_INDEX_URL'] || DEFAULT_INDEX_URL).replace(/\/+$/, '');
}

/** The fetcher for an index URL (http(s) PEP 691, or a file:// folder of recorded answers). */
export function indexFetcher(base: string, timeoutMs = INDEX_TIMEOUT_MS): IndexFetcher {
  const from = 'the package index';
  if (base.startsWith('file:')) {
    const folder = fileURLToPath(base);
    return async (name, version) => {
      try {
        const page = JSON.parse(await readFile(`${folder}/${normalizeName(name)}.json`, 'utf8')) as unknown;
        return releaseFromSimpleJson(page, name, version, from);
      } catch {
        return 'missing';
      }
    };
  }
  return async (name, version) => {
    try {
      const response = await fetch(`${base}/${normalizeName(name)}/`, {
        headers: { Accept: 'application/vnd.pypi.simple.v1+json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (response.status === 404) return 'missing';
      if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return 'unreachable';
      return releaseFromSimpleJson(await response.json(), name, version, from);
    } catch {
      return 'unreachable';
    }
  };
}

/** Asks about every pin, a few at a time. */
export async function lookUpPins(pins: Record<string, string>, fetcher: IndexFetcher): Promise<Map<string, IndexAnswer>> {
  const answers = new Map<string, IndexAnswer>();
  const queue = Object.entries(pins);
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) answers.set(next[0], await fetcher(next[0], next[1]));
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, queue.length) }, worker));
  return answers;
}
