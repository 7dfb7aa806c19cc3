/**
 * The languages the generator teaches in. Adding one: a file implementing Messages (see en.ts),
 * a WORKSHOP.md template in templates/locales/<lang>/, and a line here.
 */
import { en } from './en.js';
import type { Messages } from './types.js';
import { zhCN } from './zh-CN.js';

export const LANGUAGES: Readonly<Record<string, Messages>> = { en, 'zh-CN': zhCN };
export const LANGUAGE_TAGS = Object.keys(LANGUAGES);

/** Turns a POSIX locale (zh_CN.UTF-8, zh_CN, C) into one of ours, falling back to English. */
export function languageFromLocale(env: NodeJS.ProcessEnv = process.env): string {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  const [language, region] = locale.split('.')[0].split(/[_-]/);
  if (language?.toLowerCase() === 'zh' && (!region || ['cn', 'sg', 'hans'].includes(region.toLowerCase()))) return 'zh-CN';
  return 'en';
}

export function messagesFor(lang: string): Messages {
  return LANGUAGES[lang] ?? en;
}

export type { Messages };
