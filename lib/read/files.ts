/**
 * Small file-system helpers for reading a project: every path given to or returned by the
 * project readers is relative to the project root and uses forward slashes.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** Files larger than this are not read as source or config (generated data, vendored bundles). */
export const MAX_TEXT_BYTES = 1_000_000;

/** `root`-relative, forward-slash form of an absolute path. */
export function relativePath(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join('/');
}

/** True when `absolute` is `root` or inside it. */
export function isInside(root: string, absolute: string): boolean {
  const rel = path.relative(root, absolute);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export async function isFile(absolute: string): Promise<boolean> {
  try {
    return (await stat(absolute)).isFile();
  } catch {
    return false;
  }
}

export async function isDirectory(absolute: string): Promise<boolean> {
  try {
    return (await stat(absolute)).isDirectory();
  } catch {
    return false;
  }
}

/** The text of `root/rel`, or undefined when it is not a regular file (or is too large). */
export async function readTextIfExists(root: string, rel: string, maxBytes = MAX_TEXT_BYTES): Promise<string | undefined> {
  const absolute = path.join(root, rel);
  try {
    const info = await stat(absolute);
    if (!info.isFile() || info.size > maxBytes) return undefined;
    return stripBom(await readFile(absolute, 'utf8'));
  } catch {
    return undefined;
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A value shown on one line inside a message, whatever control characters it holds. */
export function quote(value: string): string {
  return JSON.stringify(value);
}
