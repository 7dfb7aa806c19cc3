/**
 * Project files that exist but cannot be used: a dependency file that is a folder, a link to
 * nothing, or unreadable. Reading on as if it were absent would write a Dockerfile that cannot
 * build (or one that silently installs nothing), so reading stops with a one-line error and the fix.
 * A link that leaves the project is never followed: it counts as absent (ProjectFiles says so).
 */
import { UsageError } from '../errors.js';
import { DEPENDENCY_FILES } from './dependencies.js';
import type { ProjectFiles } from './project-files.js';

/** Why a project file cannot be read as a file, or undefined when it is fine or absent. */
export async function unusableFile(project: ProjectFiles, file: string): Promise<string | undefined> {
  switch (await project.unusable(file)) {
    case 'dangling':
      return `${file} is a link to a file that does not exist`;
    case 'folder':
      return `${file} is a folder, not a file`;
    case 'special':
      return `${file} is not a regular file`;
    case 'unreadable':
      return `${file} cannot be read (no permission)`;
    case undefined:
      return undefined;
  }
}

/** Throws a one-line UsageError for the first dependency file that exists but cannot be used. */
export async function refuseUnusableProjectFiles(project: ProjectFiles): Promise<void> {
  for (const file of DEPENDENCY_FILES) {
    const problem = await unusableFile(project, file);
    if (problem) {
      throw new UsageError(`${problem}: the dependencies cannot be read from it; make it a readable file listing them (or remove it) and run again; nothing was written`);
    }
  }
}
