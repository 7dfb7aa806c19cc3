/**
 * What the user chose: the typed answers every sub-generator shares. Plain data (importing only
 * the knowledge tables' names), so the plan (which decides from it) and the questions (answers.ts, which word and
 * parse it in each language) both depend on it and not on each other.
 */
import type { Server } from '../tables/app-kinds.js';

export const BASE_VARIANTS = ['slim', 'alpine', 'full'] as const;
export type BaseVariant = (typeof BASE_VARIANTS)[number];

export interface Answers {
  pythonVersion: string;
  baseVariant: BaseVariant;
  port: number;
  wsgiApp: string;
  workers: number;
  uid: number;
  gid: number;
  /** app only: build the workshop as a git history, one tagged commit per step. */
  git: boolean;
  /** Language of the teaching text: terminal messages, comments, WORKSHOP.md. */
  lang: string;
  /** app only: also write compose.yaml. */
  compose: boolean;
  /** compose.yaml gets develop.watch (Compose v2.22+). */
  watch: boolean;
  /** The server the production image runs: a flag or stored choice, else the one the project's entry point runs on. */
  server: Server;
}

export type AnswerKey = keyof Answers;
