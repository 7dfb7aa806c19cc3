/**
 * What `--verify` prints, in the run's language: one line per event as it happens (engine, each
 * build step, the run command, the probe) and, per Dockerfile, a short verdict table. Words from
 * lib/messages/verify-<lang>.ts; facts from verify.ts.
 */
import type { VerifyTexts } from '../messages/verify-types.js';
import type { EngineCheck } from './engine.js';
import { MIN_ENGINE } from './engine.js';
import { shortStep } from './build-progress.js';
import { PROBE_BOUND_S, type Verdict, type VerifyEvent } from './verify.js';

/** Seconds with one decimal: 1234 ms -> "1.2". */
export const secondsText = (ms: number): string => (Math.round(ms / 100) / 10).toFixed(1);

/** Megabytes as the tier and compare.py count them (10^6 bytes). */
export const megabytes = (bytes: number): number => Math.round(bytes / 1e6);

/** Terminal columns a string takes: CJK characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char) ? 2 : 1;
  return width;
}

/** The one line said when verification cannot run at all. */
export function cannotLine(check: Extract<EngineCheck, { ok: false }>, texts: VerifyTexts): string {
  switch (check.problem) {
    case 'no-cli':
      return texts.cannot.noCli;
    case 'no-engine':
      return texts.cannot.noEngine(check.detail);
    case 'too-old':
      return texts.cannot.tooOld(check.detail, MIN_ENGINE.join('.'));
    case 'no-buildkit':
      return texts.cannot.noBuildKit(check.detail);
  }
}

/** A shell-readable rendering of an argument list, for the line that shows the run command. */
export function shownCommand(args: readonly string[]): string {
  return args.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** The lines one progress event prints (none for the verdict: verdictLines does it). */
export function eventLines(event: VerifyEvent, texts: VerifyTexts): string[] {
  switch (event.kind) {
    case 'engine':
      return [texts.title, texts.engine(event.info.serverName, event.info.server, event.info.client, event.info.buildx)];
    case 'build':
      return [texts.build(event.dockerfile, event.image, event.hostNetwork)];
    case 'step':
      return [texts.step(shortStep(event.step.name), event.step.state, event.step.seconds)];
    case 'run': {
      const lines = [texts.run(shownCommand(['docker', 'run', '-d', '--network', 'none', ...event.flags, event.image]))];
      if (event.placeholders.length > 0) lines.push(texts.placeholders(event.placeholders.map((p) => `${p.name} (${p.source})`)));
      return lines;
    }
    case 'probe':
      return [texts.probe(event.path, event.port, event.boundS)];
    case 'verdict':
      return ['', ...verdictLines(event.verdict, texts)];
    case 'compose':
      return [event.check.missing ? texts.compose.missing : event.check.ok ? texts.compose.ok(event.check.message) : texts.compose.failed(event.check.message)];
  }
}

/** The verdict table for one Dockerfile. */
export function verdictLines(verdict: Verdict, texts: VerifyTexts, boundS = PROBE_BOUND_S): string[] {
  const v = texts.verdict;
  const rows: Array<[string, string[]]> = [];
  const row = (label: keyof typeof v.labels, ...values: string[]) => rows.push([v.labels[label], values]);
  const { build } = verdict;
  if (!build.ok) {
    row('build', v.buildFailed(secondsText(build.ms), build.failed ? shortStep(build.failed.name, 70) : undefined));
    if (build.error.length > 0) row('log', ...build.error);
  } else {
    row('build', v.build(secondsText(build.ms), build.steps, build.cached));
    if (verdict.sizeBytes !== undefined) row('size', v.megabytes(megabytes(verdict.sizeBytes)));
    if (verdict.runError === undefined) {
      if (verdict.exitedEarly) {
        const after = verdict.exitedEarly.afterMs !== undefined ? secondsText(verdict.exitedEarly.afterMs) : undefined;
        row('firstResponse', v.exitedBeforeAnswer(verdict.exitedEarly.code, after));
      } else {
        row('firstResponse', verdict.firstResponseMs !== undefined ? v.seconds(secondsText(verdict.firstResponseMs)) : v.noAnswer(boundS));
      }
      row('status', verdict.status !== undefined ? v.status(verdict.status, verdict.probePath, verdict.port) : v.none);
      if (verdict.uid !== undefined) {
        const uid = verdict.teaching && verdict.uid === '0' ? v.rootLesson : verdict.exitedEarly ? v.uidFromImage(verdict.uid) : v.uid(verdict.uid);
        row('user', uid);
      }
      if (verdict.stop) {
        row('stop', v.seconds(secondsText(verdict.stop.ms)));
        row('exitCode', verdict.teaching && verdict.stop.exitCode === 137 ? v.killedLesson : String(verdict.stop.exitCode));
      } else if (verdict.exitedEarly) {
        row('stop', v.alreadyStopped);
        row('exitCode', String(verdict.exitedEarly.code));
      }
      if (verdict.placeholders.length > 0) row('placeholders', verdict.placeholders.map((p) => `${p.name}=${p.value}`).join(' '));
      row('log', ...(verdict.logErrors.length > 0 ? verdict.logErrors : [v.cleanLog]));
    }
  }
  if (verdict.problems.length > 0 && (verdict.cause || verdict.logErrors.length > 0)) {
    row('cause', verdict.cause ? causeText(verdict.cause, texts) : v.unknownCause);
  }
  const facts = {
    port: verdict.port,
    status: verdict.status,
    boundS,
    listening: [...new Set(verdict.listening.map((listener) => listener.port))],
    exitCode: verdict.exitedEarly?.code ?? verdict.stop?.exitCode,
    runError: verdict.runError,
  };
  row('result', verdict.problems.length === 0 ? v.ok : v.failed(verdict.problems.map((problem) => v.problems[problem](facts))));
  const width = Math.max(...rows.map(([label]) => displayWidth(label)));
  const pad = (label: string) => label + ' '.repeat(width - displayWidth(label));
  const lines = [v.title(verdict.dockerfile)];
  for (const [label, values] of rows) {
    values.forEach((value, index) => lines.push(`  ${index === 0 ? pad(label) : ' '.repeat(width)}  ${value}`));
  }
  return lines;
}

export function causeText(cause: Verdict['cause'] & object, texts: VerifyTexts): string {
  const causes = texts.causes as Record<string, (c: typeof cause) => string>;
  return causes[cause.kind]!(cause);
}
