/**
 * The original note's four Dockerfiles, read at run time from the note itself (../shared/seed
 * beside the repository in this workplace; BENCH_SEED_DIR overrides it). The note is not copied
 * into the repository: where it is missing, the report says so and the rows are skipped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { REPO_ROOT } from './lib.js';

export type SeedName = 'bad' | 'better' | 'production' | 'multistage';

export interface SeedDockerfiles {
  /** Where the note was read from, relative to the repository. */
  source: string;
  dockerfiles: Record<SeedName, string>;
}

export const DEFAULT_SEED_DIR = resolve(REPO_ROOT, '..', 'shared', 'seed');

/** The ```dockerfile blocks of a Markdown text, in order. */
export function dockerfileBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  const fence = /^```dockerfile[^\n]*\n([\s\S]*?)^```\s*$/gim;
  for (const match of markdown.matchAll(fence)) blocks.push(match[1]);
  return blocks;
}

/**
 * The note's four Dockerfiles, named by what they are rather than by position alone: the bad one
 * (full image, `COPY . .` before the install), the better one (slim, dependencies first), the
 * production one (a non-root USER) and the multi-stage one (`AS builder`).
 */
export function classify(blocks: readonly string[]): Record<SeedName, string> | string {
  if (blocks.length !== 4) return `expected 4 Dockerfile blocks, found ${blocks.length}`;
  const found: Partial<Record<SeedName, string>> = {};
  for (const block of blocks) {
    const name: SeedName = /\bAS\s+builder\b/i.test(block)
      ? 'multistage'
      : /^USER\s/m.test(block)
        ? 'production'
        : /^FROM\s+\S+-slim\b/m.test(block)
          ? 'better'
          : 'bad';
    if (found[name]) return `two Dockerfile blocks look like the ${name} one`;
    found[name] = block;
  }
  return found as Record<SeedName, string>;
}

/** Reads the note; returns why not when it cannot. */
export function readSeed(seedDir = process.env.BENCH_SEED_DIR ?? DEFAULT_SEED_DIR): SeedDockerfiles | { missing: string } {
  const shown = relative(REPO_ROOT, seedDir) || seedDir;
  if (!existsSync(seedDir)) return { missing: `the original note is not here: no ${shown} (it sits beside the repository only in this workplace; set BENCH_SEED_DIR to its folder)` };
  const reasons: string[] = [];
  for (const file of readdirSync(seedDir).sort()) {
    if (!/\.(txt|md)$/.test(file)) continue;
    const result = classify(dockerfileBlocks(readFileSync(join(seedDir, file), 'utf8')));
    if (typeof result === 'string') {
      reasons.push(`${file}: ${result}`);
      continue;
    }
    return { source: relative(REPO_ROOT, join(seedDir, file)), dockerfiles: result };
  }
  return { missing: `no note with the four Dockerfiles in ${shown}${reasons.length ? ` (${reasons.join('; ')})` : ''}` };
}
