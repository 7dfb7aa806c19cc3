/**
 * The shape of what `--verify` says, per language: the option help, the question at the end of an
 * interactive run, why it cannot run, its progress lines, the verdict table and the likely causes.
 * The facts (figures, paths, names) come from lib/verify; the words from here.
 */

/** The likely causes lib/verify/diagnose.ts tells apart (kept apart from it: messages come before verify). */
export type VerifyCause =
  | { kind: 'entry-point'; module: string; target: string; inProject: boolean; ignoredBy?: string }
  | { kind: 'entry-attribute'; attribute: string; module: string; target: string }
  | { kind: 'project-module'; module: string; ignoredBy?: string }
  | { kind: 'missing-dependency'; module: string; files: string[] }
  | { kind: 'needs-volume'; path: string; folder?: string; readOnly: boolean }
  | { kind: 'missing-variable'; name: string }
  | { kind: 'placeholder-rejected'; name: string; value: string };

export type VerifyProblem =
  | 'build-failed'
  | 'run-failed'
  | 'exited'
  | 'no-answer'
  | 'no-probe'
  | 'server-error'
  | 'loopback-only'
  | 'other-port'
  | 'root'
  | 'killed'
  | 'stop-exit'
  | 'log-errors';

/** What a problem's sentence may need to say. */
export interface ProblemFacts {
  port: number;
  status?: number;
  boundS: number;
  /** Ports something listens on in the container. */
  listening: number[];
  exitCode?: number;
  runError?: string;
}

export type StepStateWord = 'ran' | 'cached' | 'failed';

export interface VerifyTexts {
  options: { verify: string; keep: string };
  /** --keep in a run that cannot verify (no --verify, and no question to ask): a usage error. */
  keepWithoutVerify: string;
  /** Asked at the end of an interactive run when a docker engine answers. */
  question: string;
  /** One line each when verification cannot run at all; the generated files stay written. */
  cannot: {
    noCli: string;
    noEngine: (detail: string) => string;
    tooOld: (server: string, minimum: string) => string;
    noBuildKit: (client: string) => string;
    dryRun: string;
    nothingWritten: string;
  };
  title: string;
  engine: (name: string, server: string, client: string, buildx?: string) => string;
  build: (dockerfile: string, image: string, hostNetwork: boolean) => string;
  step: (name: string, state: StepStateWord, seconds?: number) => string;
  run: (command: string) => string;
  placeholders: (list: string[]) => string;
  probe: (path: string, port: number, boundS: number) => string;
  verdict: {
    title: (dockerfile: string) => string;
    labels: Record<'build' | 'size' | 'firstResponse' | 'status' | 'user' | 'stop' | 'exitCode' | 'placeholders' | 'log' | 'cause' | 'result', string>;
    build: (seconds: string, steps: number, cached: number) => string;
    buildFailed: (seconds: string, step?: string) => string;
    megabytes: (mb: number) => string;
    seconds: (value: string) => string;
    exitedBeforeAnswer: (code: number, seconds?: string) => string;
    noAnswer: (boundS: number) => string;
    status: (status: number, path: string, port: number) => string;
    none: string;
    uid: (uid: string) => string;
    uidFromImage: (uid: string) => string;
    rootLesson: string;
    alreadyStopped: string;
    killedLesson: string;
    cleanLog: string;
    unknownCause: string;
    ok: string;
    failed: (problems: string[]) => string;
    problems: Record<VerifyProblem, (facts: ProblemFacts) => string>;
  };
  causes: { [K in VerifyCause['kind']]: (cause: Extract<VerifyCause, { kind: K }>) => string };
  removed: (container: string, image: string) => string;
  kept: (container: string, image: string) => string;
  compose: { ok: (version: string) => string; failed: (message: string) => string; missing: string };
  summary: { ok: (count: number) => string; failed: (count: number, of: number) => string };
}
