/**
 * Control characters from a project's files, made visible. A repository is untrusted input: a
 * file name, a Procfile line or a string in the code may hold characters that move a terminal's
 * cursor, set its title, clear it (ESC sequences), end a YAML line (CR, NEL, U+2028, U+2029) or
 * reorder what a reader sees (bidi overrides, "Trojan Source"). None of them reaches a written
 * file or the terminal: a value sink refuses them (lib/decide/sinks.ts), and every text shown
 * (terminal lines, comments) shows them escaped, through `escapeControls` here.
 *
 * Shared by every step (like errors.ts): the readers quote values in their notes, the plan
 * escapes what it only shows, the generator escapes every terminal line.
 */

/**
 * C0 (U+0000-U+001F), DEL, C1 (U+0080-U+009F, NEL among them), the line and paragraph separators
 * U+2028/U+2029, and the bidirectional marks, embeddings, overrides and isolates (U+061C,
 * U+200E, U+200F, U+202A-U+202E, U+2066-U+2069).
 */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const ALL_CONTROLS = new RegExp(CONTROL_CHARACTERS.source, 'g');
const CONTROLS_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTERS.test(text);
}

/** One character as its escape: \n, \r, \t, else \xHH below U+0100, else \uHHHH. */
function escapeOne(char: string): string {
  if (char === '\n') return '\\n';
  if (char === '\r') return '\\r';
  if (char === '\t') return '\\t';
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * The text with every control character written as an escape (`\x1b`, `\u2028`, `\n`), so it
 * shows on one line and does nothing to a terminal or a file. `keepNewlines`: line breaks stay
 * (a whole message of ours, whose project values were escaped before they went into it).
 */
export function escapeControls(text: string, options: { keepNewlines?: boolean } = {}): string {
  return text.replace(options.keepNewlines ? CONTROLS_BUT_NEWLINE : ALL_CONTROLS, escapeOne);
}
