/**
 * The workshop as a git history: one commit per step, each tagged, so attendees can
 * `git checkout step-3-better` or `git diff step-2-bad step-3-better`.
 */
import { execFileSync } from 'node:child_process';
import { UsageError } from '../errors.js';

export interface GitStep {
  tag: string;
  message: string;
  files: string[];
}

/** Commits are made with this identity only when git has none configured. */
export const FALLBACK_IDENTITY = { name: 'generator-python-docker', email: 'generator-python-docker@localhost' };

function git(dir: string, args: string[], identity?: typeof FALLBACK_IDENTITY): string {
  const config = identity ? ['-c', `user.name=${identity.name}`, '-c', `user.email=${identity.email}`] : [];
  return execFileSync('git', [...config, ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function tryGit(dir: string, args: string[]): string | undefined {
  try {
    return git(dir, args).trim();
  } catch {
    return undefined;
  }
}

/**
 * Checks, before anything is written, that the steps can be committed here: git exists, and an
 * enclosing repository has no uncommitted changes and none of the step tags yet.
 */
export function checkGitTarget(dir: string, tags: readonly string[]): void {
  if (tryGit(dir, ['--version']) === undefined) throw new UsageError('--git needs git, and git was not found on PATH');
  if (tryGit(dir, ['rev-parse', '--is-inside-work-tree']) !== 'true') return;
  const dirty = tryGit(dir, ['status', '--porcelain']) ?? '';
  if (dirty !== '') {
    const count = dirty.split('\n').length;
    throw new UsageError(
      `--git: this folder is inside a git repository with ${count} uncommitted change${count === 1 ? '' : 's'}; commit or stash them first, or run in a new folder`,
    );
  }
  const existing = tags.filter((tag) => tryGit(dir, ['rev-parse', '-q', '--verify', `refs/tags/${tag}`]) !== undefined);
  if (existing.length > 0) throw new UsageError(`--git: the repository already has the tag${existing.length === 1 ? '' : 's'} ${existing.join(', ')}; run in a new folder`);
}

/** Creates the repository when needed and commits each step's files, tagging each commit. */
export function commitSteps(dir: string, steps: readonly GitStep[]): void {
  if (tryGit(dir, ['rev-parse', '--is-inside-work-tree']) !== 'true') git(dir, ['init', '--quiet', '--initial-branch=main']);
  const hasIdentity = tryGit(dir, ['config', 'user.email']) && tryGit(dir, ['config', 'user.name']);
  const identity = hasIdentity ? undefined : FALLBACK_IDENTITY;
  for (const step of steps) {
    git(dir, ['add', '--', ...step.files]);
    git(dir, ['commit', '--quiet', '--no-verify', '-m', step.message], identity);
    git(dir, ['tag', step.tag], identity);
  }
}
