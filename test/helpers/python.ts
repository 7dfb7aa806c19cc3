/** Python code as the readers get it (lib/read/python.ts), for the reader tests: one file of a project, app.py unless named. */
import { parsePython, type PythonSource } from '../../lib/read/python.js';

export function parseCode(code: string, file = 'app.py'): PythonSource {
  return parsePython(file, code);
}
