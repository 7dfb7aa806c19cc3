/**
 * --help run inside a project shows the values a run there would take (the project's port, its
 * Python...), so the project is read for --help too. Yeoman asks a generator for its help
 * synchronously (yo prints `generator.help()`, the bin's commander reads the options as they
 * were declared in the constructor), and the readers are asynchronous: they run in a worker
 * thread while this thread waits for their answer (Atomics.wait), bounded in time.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { ProjectFileProblem } from '../read/problems.js';
import type { ProjectFacts } from '../read/types.js';

/** What the worker answers: the facts, or why the project could not be read (a project file's problem, typed, for the run's language). */
export type HelpRead = { facts: ProjectFacts } | { error: string; problem?: ProjectFileProblem };

/** Long enough for the package index's look-ups (each bounded at a few seconds), short enough for --help. */
const HELP_READ_TIMEOUT_MS = 20_000;

export function readProjectForHelp(root: string, timeoutMs = HELP_READ_TIMEOUT_MS): HelpRead {
  const done = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(new URL('./help-project-worker.js', import.meta.url), {
    workerData: { root, done, port: port2 },
    transferList: [port2],
    stdout: true,
    stderr: true,
  });
  try {
    const answered = Atomics.wait(done, 0, 0, timeoutMs) !== 'timed-out';
    const message = receiveMessageOnPort(port1)?.message as HelpRead | undefined;
    if (answered && message) return message;
    return { error: answered ? 'no answer' : `timed out after ${timeoutMs / 1000} s` };
  } finally {
    void worker.terminate();
    port1.close();
  }
}
