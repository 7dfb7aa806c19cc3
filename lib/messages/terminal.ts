/**
 * The one way text reaches the user's terminal: every line the generator prints (and every error
 * line) goes through `forTerminal`, so a control character from a project's files (an ESC that
 * sets the window title or clears the screen, a CR that rewrites the line, a bidi override that
 * reorders it) shows as an escape (`\x1b`, `\r`, `\u202e`) instead of acting. Our own line
 * breaks stay; the values put into a message were escaped before (lib/decide/sinks.ts `shown`).
 */
import { escapeControls } from '../escape.js';

export function forTerminal(text: string): string {
  return escapeControls(text, { keepNewlines: true });
}
