/**
 * The shape of what the run says about the project, per language: each typed note the readers
 * return (lib/read/types.ts ReadNote). The lines of the report (lib/decide/report.ts) are said
 * through these and the other texts (lib/messages/report.ts).
 */
import type { ProjectFileProblem } from '../read/problems.js';
import type { EntryDescription, ReadNote } from '../read/types.js';

export interface ReportTexts {
  /** One note, as the plan snapshot lists it and the "read from the project" block shows it. */
  note: (note: ReadNote) => string;
  /** How an entry point is served: `Flask app "server" in myapp/web.py -> gunicorn myapp.web:server`. */
  entry: (entry: EntryDescription) => string;
  /** A project file the readers cannot use: the one-line error (lib/read/problems.ts). */
  problem: (problem: ProjectFileProblem) => string;
}
