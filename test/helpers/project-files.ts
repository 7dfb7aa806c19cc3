/** A fixture folder opened the way a run opens a project: one ProjectFiles through which every reader reads. */
import { ProjectFiles } from '../../lib/read/project-files.js';

export function openProject(root: string): Promise<ProjectFiles> {
  return ProjectFiles.open(root);
}
