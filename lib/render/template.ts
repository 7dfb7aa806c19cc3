/**
 * A template rendered to a string, with no file written: the generator compares what it would
 * write (this run's render, the render a file was written from) before anything reaches the disk.
 * EJS with the options Yeoman's renderTemplate uses (partials resolve against the template's file).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ejs from 'ejs';
import { TEMPLATES_ROOT } from './paths.js';

export function renderTemplateString(template: string, data: object): string {
  const filename = join(TEMPLATES_ROOT, template);
  return ejs.render(readFileSync(filename, 'utf8'), data as ejs.Data, { filename, async: false });
}
