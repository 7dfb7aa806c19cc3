/**
 * Output files are written only inside the project. A repository may ship `Dockerfile ->
 * ~/.bash_aliases` (dangling) or `.dockerignore -> ~/.bashrc`: Yeoman's commit would create or
 * append to the user's file through the link. So an output path that is a symbolic link (dangling
 * or not), or whose folder's real path leaves the project, is refused, before its content is read
 * and before anything is written.
 */
import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';

export type OutputPathProblem = 'symlink' | 'outside';

/** Refused output path: worded by the generator in the user's language (cli.errors.outputOutside). */
export class OutputPathError extends UsageError {
  constructor(
    readonly file: string,
    readonly kind: OutputPathProblem,
  ) {
    super(`${file}: ${kind === 'symlink' ? 'a symbolic link' : 'leads outside the project'}; nothing was written`);
  }
}

function isInside(root: string, absolute: string): boolean {
  const relative = path.relative(root, absolute);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** What is wrong with writing `file` (relative to `root`), or undefined when it is a real file (or none yet) inside the project. */
export function outputPathProblem(root: string, file: string): OutputPathProblem | undefined {
  const realRoot = realpathSync(root);
  const absolute = path.resolve(root, file);
  if (!isInside(path.resolve(root), absolute)) return 'outside';
  try {
    if (lstatSync(absolute).isSymbolicLink()) return 'symlink';
  } catch {
    // Not there yet: written new.
  }
  // Every folder on the way that exists: its real path stays inside the project.
  const parts = path.relative(path.resolve(root), path.dirname(absolute)).split(path.sep).filter(Boolean);
  let dir = path.resolve(root);
  for (const part of parts) {
    dir = path.join(dir, part);
    try {
      lstatSync(dir);
    } catch {
      return undefined; // created by the commit, inside a folder already checked
    }
    try {
      if (!isInside(realRoot, realpathSync(dir))) return 'outside';
    } catch {
      return 'outside'; // a dangling link on the way
    }
  }
  return undefined;
}

/** Throws OutputPathError for the first of `files` that is not a real file inside the project. */
export function refuseOutsideOutputs(root: string, files: Iterable<string>): void {
  for (const file of files) {
    const problem = outputPathProblem(root, file);
    if (problem) throw new OutputPathError(file, problem);
  }
}
