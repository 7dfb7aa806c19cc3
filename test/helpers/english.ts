/**
 * Finds English prose in a line meant for a Chinese reader. Commands, paths, options, identifiers
 * and literal values are not prose: they are removed first (backticks, quotes, URLs, anything with
 * path or code punctuation in it, --options, ALL_CAPS names), then any run of two or more ASCII
 * words left over is English, unless it is one of the few names kept as they are.
 */

/** Multi-word names that stay English in Chinese text (product and tool names, placeholders). */
const KEPT = [
  /^Docker (Desktop|Engine)$/,
  /^Podman Engine$/,
  /^Compose v$/i,
  /^docker compose$/i,
  /^docker-compose$/i,
  /^Hello from$/,
  /^no compiler$/,
  // Commands: a docker sub-command (docker build, docker run), this package's bin and a sub-command.
  /^docker [a-z]+$/,
  /^generator-python-docker [a-z]+$/,
];

export function englishRuns(line: string): string[] {
  const stripped = line
    .replace(/`[^`]*`/g, ' ')
    .replace(/"[^"]*"/g, ' ')
    .replace(/'[^']*'/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/(^|\s)--?[A-Za-z][\w-]*(\s+<\w+>)?/g, ' ')
    // Tokens with path or code punctuation: main.py, /opt/venv, module:app, KEY=value, 3.14-slim, a|b.
    .replace(/[^\s\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]*[./:=_|\\@$[\]{}()*+~^#!]+[^\s\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]*/g, ' ')
    // ALL-CAPS names (CMD, HEALTHCHECK, PID, CVE, UID) and numbers with units.
    .replace(/\b[A-Z][A-Z0-9_]+\b/g, ' ')
    .replace(/\b\d+\s*(s|ms|MB|GB|KB)?\b/g, ' ');
  const runs = stripped.match(/[A-Za-z][A-Za-z'-]*(?:[ \t]+[A-Za-z][A-Za-z'-]*)+/g) ?? [];
  return runs.filter((run) => !KEPT.some((kept) => kept.test(run)));
}

/** Lines of `text` holding English prose, with the runs found. */
export function englishLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => ({ line, runs: englishRuns(line) }))
    .filter(({ runs }) => runs.length > 0)
    .map(({ line, runs }) => `${line.trim()}    <- ${runs.map((run) => JSON.stringify(run)).join(', ')}`);
}

/** The comment lines of a generated file (hadolint directives are code, not comments). */
export function commentLines(file: string, content: string): string {
  const hash = /(^|\/)(Dockerfile[^/]*|compose\.yaml|\.dockerignore|requirements\.txt)$|\.py$/.test(file);
  if (!hash) return '';
  return content
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('#') && !line.startsWith('# hadolint') && !line.startsWith('#!'))
    .join('\n');
}
