/**
 * Reading WORKSHOP.md's shell blocks and running them as an attendee would: one bash session per
 * block, in the project folder, each command's output and exit code kept apart so the claims
 * printed next to it can be checked. Only the substitutions listed in SUBSTITUTIONS are made.
 */
import { spawn } from 'node:child_process';

export interface ShellBlock {
  /** "2" for "## 2. Dockerfile.bad: ...", "" before the first numbered section. */
  section: string;
  text: string;
}

/** Every ```sh (or bash/shell) fenced block, with the number of the section it is in. */
export function shellBlocks(markdown: string): ShellBlock[] {
  const blocks: ShellBlock[] = [];
  let section = '';
  let fence: { lang: string; lines: string[] } | undefined;
  for (const line of markdown.split('\n')) {
    if (fence) {
      if (/^```\s*$/.test(line)) {
        if (['sh', 'bash', 'shell', 'console'].includes(fence.lang)) blocks.push({ section, text: fence.lines.join('\n') });
        fence = undefined;
      } else fence.lines.push(line);
      continue;
    }
    const open = /^```\s*(\w*)/.exec(line);
    if (open) {
      fence = { lang: open[1].toLowerCase(), lines: [] };
      continue;
    }
    const heading = /^##\s+(\d+)\./.exec(line);
    if (heading) section = heading[1];
    else if (/^##\s/.test(line)) section = line.replace(/^##\s+/, '').trim();
  }
  return blocks;
}

/**
 * A block's commands as a reader types them: a line ending in `\` goes on, and so does a
 * for/while/if until its done/fi. Comment-only lines are kept as their own entries.
 */
export function splitCommands(block: string): string[] {
  const commands: string[] = [];
  let current: string[] = [];
  let depth = 0;
  for (const line of block.split('\n')) {
    if (current.length === 0 && line.trim() === '') continue;
    current.push(line);
    const code = line.replace(/\s#.*$/, '');
    if (/^\s*(for|while|until|if)\b/.test(code)) depth++;
    if (/^\s*(done|fi)\b/.test(code)) depth--;
    if (/\\$/.test(line) || depth > 0) continue;
    commands.push(current.join('\n'));
    current = [];
  }
  if (current.length > 0) commands.push(current.join('\n'));
  return commands;
}

/** The comment a reader sees next to a command (`docker exec prod id -u   # 10001` -> "10001"). */
export function trailingComment(command: string): string | undefined {
  const last = command.split('\n').at(-1) ?? '';
  if (/^\s*#/.test(last)) return undefined;
  const m = /\s#\s?(.*)$/.exec(last);
  return m ? m[1].trim() : undefined;
}

export interface CommandResult {
  command: string;
  /** The command as run, after the substitutions. */
  ran: string;
  stdout: string;
  stderr: string;
  code: number;
  /** bash's `time` report, when the command was timed. */
  realSeconds?: number;
}

export interface BlockResult {
  commands: CommandResult[];
  /** Everything the block printed, in order (background jobs included). */
  stdout: string;
  stderr: string;
  ms: number;
}

const MARK = '@@workshop-cmd';

/**
 * Runs commands in one bash session (background jobs and `time` behave as at a terminal) and
 * splits what it printed per command. bash without -e: a failing command does not end the block,
 * as it would not end a reader's terminal session; its exit code is kept.
 */
export function runBlock(commands: { command: string; ran: string }[], opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<BlockResult> {
  const script = [
    ...commands.flatMap((c, i) => [`printf '\\n${MARK} ${i}@@\\n'; printf '\\n${MARK} ${i}@@\\n' >&2`, c.ran, `printf '\\n${MARK}-rc %d@@\\n' $?`]),
    // A reader's terminal shows a background job's output when it ends: wait for it.
    'wait',
  ].join('\n');
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-c', script], { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
      reject(new Error(`the block did not finish within ${opts.timeoutMs / 1000} s:\n${script}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
    }, opts.timeoutMs);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      const out = split(stdout, commands.length);
      const err = split(stderr, commands.length);
      const results = commands.map((c, i) => {
        const rc = new RegExp(`\\n${MARK}-rc (\\d+)@@\\n`).exec(out[i]);
        const stdoutOnly = out[i].replace(new RegExp(`\\n${MARK}-rc \\d+@@\\n[\\s\\S]*$`), '');
        const time = /^real\s+(\d+)m([\d.]+)s$/m.exec(err[i]);
        return {
          ...c,
          stdout: stdoutOnly.replace(/^\n/, ''),
          stderr: err[i].replace(/^\n/, ''),
          code: rc ? Number(rc[1]) : -1,
          realSeconds: time ? Number(time[1]) * 60 + Number(time[2]) : undefined,
        };
      });
      // The text after the last command's rc marker (background jobs that ended during `wait`)
      // belongs to the block; strip the markers for the block-wide view.
      const clean = (s: string) => s.replace(new RegExp(`\\n?${MARK}(-rc)? \\d+@@\\n`, 'g'), '\n');
      resolve({ commands: results, stdout: clean(stdout), stderr: clean(stderr), ms: Date.now() - started });
    });
  });
}

/** Output between the markers: piece i is what was printed while command i ran (plus its rc). */
function split(text: string, count: number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < count; i++) {
    const start = text.indexOf(`\n${MARK} ${i}@@\n`);
    const end = i + 1 < count ? text.indexOf(`\n${MARK} ${i + 1}@@\n`) : text.length;
    pieces.push(start < 0 ? '' : text.slice(start + `\n${MARK} ${i}@@\n`.length, end < 0 ? text.length : end));
  }
  return pieces;
}

/** BuildKit's plain progress: did every `RUN pip install` step say CACHED? (undefined: none found) */
export function pipStepCached(buildOutput: string): boolean | undefined {
  const installs = new Set<string>();
  const cached = new Set<string>();
  for (const line of buildOutput.split('\n')) {
    const header = /^#(\d+) \[[^\]]*\] RUN .*\bpip\b.*\binstall\b/.exec(line);
    if (header) installs.add(header[1]);
    const c = /^#(\d+) CACHED\s*$/.exec(line);
    if (c) cached.add(c[1]);
  }
  if (installs.size === 0) return undefined;
  return [...installs].every((id) => cached.has(id));
}

/** "1.1GB", "987MB", "126.3MB", "2.05kB" -> bytes (docker's decimal units). */
export function parseSize(text: string): number {
  const m = /^([\d.]+)\s*([kMG]?B)$/.exec(text.trim());
  if (!m) throw new Error(`not a docker size: ${text}`);
  return Number(m[1]) * { B: 1, kB: 1e3, MB: 1e6, GB: 1e9 }[m[2] as 'B' | 'kB' | 'MB' | 'GB'];
}

/** `docker images REPO` as a map tag -> size in bytes. */
export function imagesTable(stdout: string): Map<string, number> {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  const header = lines.shift() ?? '';
  if (!/^REPOSITORY\s+TAG\b/.test(header)) throw new Error(`not docker images output:\n${stdout}`);
  const sizes = new Map<string, number>();
  for (const line of lines) {
    const cols = line.trim().split(/\s{2,}/);
    sizes.set(cols[1], parseSize(cols.at(-1)!));
  }
  return sizes;
}
