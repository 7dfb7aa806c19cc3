/**
 * Project files that exist but cannot be used: a dependency file that is a folder, a link to
 * nothing, or unreadable. Reading on as if it were absent would write a Dockerfile that cannot
 * build (or one that silently installs nothing), so reading stops with a one-line error and the fix.
 */
import { constants } from 'node:fs';
import { access, lstat, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { DEPENDENCY_FILES } from './dependencies.js';


/** Why `root/file` cannot be read as a file, or undefined when it is fine or absent. */
export async function unusableFile(root: string, file: string): Promise<string | undefined> {
  const absolute = path.join(root, file);
  let link;
  try {
    link = await lstat(absolute);
  } catch {
    return undefined; // absent
  }
  let info;
  try {
    info = await stat(absolute);
  } catch {
    return link.isSymbolicLink() ? `${file} is a link to a file that does not exist` : `${file} cannot be read`;
  }
  if (info.isDirectory()) return `${file} is a folder, not a file`;
  if (!info.isFile()) return `${file} is not a regular file`;
  try {
    await access(absolute, constants.R_OK);
  } catch (error) {
    return `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'no permission'})`;
  }
  return undefined;
}

/** Throws a one-line UsageError for the first dependency file that exists but cannot be used. */
export async function refuseUnusableProjectFiles(root: string): Promise<void> {
  for (const file of DEPENDENCY_FILES) {
    const problem = await unusableFile(root, file);
    if (problem) {
      throw new UsageError(`${problem}: the dependencies cannot be read from it; make it a readable file listing them (or remove it) and run again; nothing was written`);
    }
  }
}
