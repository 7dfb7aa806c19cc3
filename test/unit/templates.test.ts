/**
 * The Docker templates only render: every decision is made in lib/decide/plan.ts and lib/decide/install-steps.ts
 * (typed fields, argument arrays, message keys), so a template holds a handful of choices
 * (variant, language, "is there such a step") and no regex, no string assembly, no list work.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.js';

const DOCKER_TEMPLATES = join(REPO_ROOT, 'templates', 'docker');

/** At most this many choices (`if`, `? :`) per template. */
export const MAX_CHOICES = 5;

function templates(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? templates(path) : name.endsWith('.ejs') ? [path] : [];
    })
    .sort();
}

/** The JavaScript inside a template's tags (<% %>, <%- %>, <%= %>), comments (<%# %>) left out. */
export function codeOf(template: string): string[] {
  return [...template.matchAll(/<%([_=\-#]?)([\s\S]*?)[-_]?%>/g)].filter((tag) => tag[1] !== '#').map((tag) => tag[2]!);
}

/** Quoted strings emptied (their content is text, not code), so a '/' in a path is not a regex. */
function withoutStrings(code: string): string {
  return code.replace(/'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"/g, "''");
}

/** What a template's code does that a rendering template must not, as readable findings. */
export function findings(template: string): string[] {
  const found: string[] = [];
  let choices = 0;
  for (const raw of codeOf(template)) {
    const code = withoutStrings(raw);
    choices += (code.match(/\bif\s*\(/g) ?? []).length + (code.match(/\s\?\s/g) ?? []).length;
    const checks: Array<[RegExp, string]> = [
      [/(^|[=(,:!&|?{};[>]|\breturn)\s*\/(?![/*])(?:\\.|[^/\n\\])+\/[dgimsuy]*/, 'a regex literal'],
      [/\bnew\s+RegExp\b|\.(test|match|matchAll|search)\(/, 'regex matching'],
      [/\.replace(All)?\(/, 'string replacement (.replace)'],
      [/\.join\(/, 'list joining (.join)'],
      [/`/, 'a template literal (string assembly)'],
      [/\+\s*''|''\s*\+/, "string concatenation (+ '...')"],
      [/\.(map|filter|some|every|reduce|flatMap|slice|concat)\(|\.\.\./, 'list work (map, filter, spread...)'],
    ];
    for (const [pattern, what] of checks) {
      if (pattern.test(code)) found.push(`${what}: <%${raw.trim().slice(0, 100)}%>`);
    }
  }
  if (choices > MAX_CHOICES) found.push(`${choices} choices (if / ?:), more than ${MAX_CHOICES}`);
  return found;
}

describe('Docker templates only render (templates/docker/**)', () => {
  const files = templates(DOCKER_TEMPLATES);

  it('finds the templates', () => {
    assert.ok(files.length >= 10, `${files.length} templates`);
  });

  for (const file of files) {
    it(`${relative(DOCKER_TEMPLATES, file)}: no decision, regex or string assembly; at most ${MAX_CHOICES} choices`, () => {
      assert.deepEqual(findings(readFileSync(file, 'utf8')), []);
    });
  }

  describe('the checker', () => {
    it('catches what the templates used to do', () => {
      const old = [
        "<% if (commands.some((command) => / --no-cache( |$)/.test(command))) { -%>",
        "RUN <%- cacheMounts.map((mount) => `${mount} \\\n    `).join('') %>",
        "<%- commentLines(text).replace(/^/gm, ' ') %>",
        "<% const topLevel = install.copyFiles.every((file) => !file.includes('/')); -%>",
        "<%= 'apk add ' + packages %>",
      ];
      const found = old.flatMap(findings);
      for (const what of ['a regex literal', 'regex matching', 'string replacement', 'list joining', 'a template literal', 'string concatenation', 'list work']) {
        assert.ok(found.some((finding) => finding.startsWith(what)), `${what} not caught in ${found.join('\n')}`);
      }
    });

    it('counts choices and lets paths, comments and plain output through', () => {
      assert.deepEqual(findings("<%- include('partials/install-run.ejs', { run: steps.bad }) -%>\n<%# a /comment/ .join( -%>\nFROM <%= images.runtime %>"), []);
      const many = Array.from({ length: MAX_CHOICES + 1 }, (_, i) => `<% if (a${i}) { -%>x<% } -%>`).join('\n');
      assert.deepEqual(findings(many), [`${MAX_CHOICES + 1} choices (if / ?:), more than ${MAX_CHOICES}`]);
    });
  });
});
