/** A minimal existing Flask project, the folder the single-file sub-generators run in. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PROJECT_FILES = ['main.py', 'requirements.txt'];

export function writeProject(dir: string): void {
  writeFileSync(join(dir, 'requirements.txt'), 'Flask==3.1.3\ngunicorn==27.0.1\n');
  writeFileSync(join(dir, 'main.py'), 'from flask import Flask\n\napp = Flask(__name__)\n');
}

/** The folder a yeoman-test run works in, also when the run fails (yeoman-test keeps no result then). */
export function inFolder(prepare: (dir: string) => void = writeProject) {
  const folder = { path: '' };
  const callback = (dir: string) => {
    folder.path = dir;
    prepare(dir);
  };
  return { folder, callback };
}
