/** The worker behind readProjectForHelp (help-project.ts): reads the project, answers, wakes the waiting thread. */
import { type MessagePort, workerData } from 'node:worker_threads';
import { readProject } from '../read/read.js';
import { ProjectFileError } from '../read/problems.js';
import type { HelpRead } from './help-project.js';

const { root, done, port } = workerData as { root: string; done: Int32Array; port: MessagePort };
let answer: HelpRead;
try {
  answer = { facts: await readProject(root) };
} catch (error) {
  answer = error instanceof ProjectFileError ? { error: error.message, problem: error.problem } : { error: error instanceof Error ? error.message : String(error) };
}
try {
  port.postMessage(answer);
} catch (error) {
  port.postMessage({ error: (error as Error).message } satisfies HelpRead);
}
Atomics.store(done, 0, 1);
Atomics.notify(done, 0);
