/**
 * Project files that exist but cannot be used: a dependency file that is a folder, a link to
 * nothing, or unreadable. Reading on as if it were absent would write a Dockerfile that cannot
 * build (or one that silently installs nothing), so reading stops with a one-line error and the fix.
 * A link that leaves the project is never followed: it counts as absent (ProjectFiles says so).
 */
import { DEPENDENCY_FILES } from './dependencies.js';
import type { ProjectFiles } from './project-files.js';
import { ProjectFileError } from './problems.js';

/** Throws a one-line ProjectFileError for the first dependency file that exists but cannot be used. */
export async function refuseUnusableProjectFiles(project: ProjectFiles): Promise<void> {
  for (const file of DEPENDENCY_FILES) {
    const kind = await project.unusable(file);
    if (kind) throw new ProjectFileError({ code: 'unusableDependencyFile', file, kind });
  }
}
