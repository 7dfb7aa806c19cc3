/** TOML and JSON project files, parsed with one-line UsageErrors that name the file. */
import { TomlError, parse } from 'smol-toml';
import { ProjectFileError } from './problems.js';

export type TomlTable = Record<string, unknown>;

export function isTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Parses TOML `text` read from `file`; a syntax error becomes `file: invalid TOML at line N, column M: reason`. */
export function parseToml(file: string, text: string): TomlTable {
  try {
    return parse(text) as TomlTable;
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = firstLine(error.message).replace(/^Invalid TOML document:\s*/, '');
      throw new ProjectFileError({ code: 'invalidToml', file, line: error.line, column: error.column, reason });
    }
    throw error;
  }
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim();
}
