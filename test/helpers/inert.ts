/**
 * Checks that a payload from a hostile project stayed inert in what we wrote: Dockerfiles read
 * as Docker reads them (continuation lines joined, comments dropped) with each RUN parsed by a
 * shell-word parser (shell-quote), compose.yaml parsed by a YAML library and compared key by key
 * with the compose plan, and no control character anywhere.
 */
import assert from 'node:assert/strict';
import { parse as parseShell } from 'shell-quote';
import { parse as parseYaml } from 'yaml';
import type { ComposePlan } from '../../lib/decide/compose.js';
import { CONTROL_CHARACTERS } from '../../lib/escape.js';

export interface Instruction {
  keyword: string;
  args: string;
}

/** A Dockerfile's instructions: continued lines joined, comment and blank lines dropped. */
export function instructions(dockerfile: string): Instruction[] {
  const found: Instruction[] = [];
  let pending = '';
  for (const line of dockerfile.split('\n')) {
    if (/^\s*#/.test(line) || (pending === '' && line.trim() === '')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const whole = `${pending}${line}`.trim();
    pending = '';
    const space = whole.indexOf(' ');
    found.push({ keyword: whole.slice(0, space).toUpperCase(), args: whole.slice(space + 1) });
  }
  return found;
}

/** A RUN's shell tokens: words as strings, operators as "op:&&", variables left as "$NAME". */
export function shellTokens(args: string): string[] {
  return parseShell(args, (name) => `$${name}`).map((token) => (typeof token === 'string' ? token : 'op' in token ? `op:${token.op}` : `other:${JSON.stringify(token)}`));
}

/** Every line that is not a comment: the instructions Docker would run, with RUN as shell tokens. */
export function dockerfileShape(dockerfile: string): Array<{ keyword: string; tokens: string[] }> {
  return instructions(dockerfile).map(({ keyword, args }) => ({
    keyword,
    tokens: keyword === 'RUN' ? shellTokens(args) : keyword === 'CMD' && args.startsWith('[') ? (JSON.parse(args) as string[]) : [args],
  }));
}

/** No control character (line breaks apart) in a written file or a terminal capture. */
export function assertNoControls(text: string, what: string): void {
  const found = text.split('\n').find((line) => CONTROL_CHARACTERS.test(line));
  assert.equal(found, undefined, `${what} holds a control character: ${JSON.stringify(found)}`);
}

/** compose.yaml as Compose reads it, built again from the plan (independently of lib/render/compose-yaml.ts). */
export function expectedCompose(plan: ComposePlan): unknown {
  const env = { ...Object.fromEntries(plan.requiredEnv.map(({ name, value }) => [name, value])), ...Object.fromEntries(plan.environment), ...Object.fromEntries(plan.watch?.reloadEnv ?? []) };
  const web: Record<string, unknown> = { build: { context: '.', dockerfile: 'Dockerfile' }, image: plan.image, ports: [`${plan.port}:${plan.port}`] };
  if (Object.keys(env).length > 0) web.environment = env;
  if (plan.volumes.length > 0) web.volumes = plan.volumes.map(({ mount }) => mount);
  if (plan.migrate) web.depends_on = { [plan.migrate.service]: { condition: 'service_completed_successfully' } };
  if (plan.readOnly && !(plan.writesWorkdir.length > 0 && !plan.watch)) web.read_only = true;
  web.tmpfs = ['/tmp'];
  if (plan.init) web.init = true;
  web.healthcheck = { test: plan.healthcheckTest, interval: plan.healthcheck.interval, timeout: plan.healthcheck.timeout, start_period: plan.healthcheck.startPeriod, retries: plan.healthcheck.retries };
  if (plan.watch) {
    web.develop = {
      watch: [
        { action: plan.watch.codeAction, path: '.', target: plan.watch.target, ignore: plan.watch.ignore },
        ...plan.watch.rebuild.map((path) => ({ action: 'rebuild', path })),
      ],
    };
  }
  const services: Record<string, unknown> = { [plan.service]: web };
  if (plan.migrate) {
    const migrate: Record<string, unknown> = { image: plan.image, command: plan.migrate.command };
    if (plan.requiredEnv.length > 0) migrate.environment = Object.fromEntries(plan.requiredEnv.map(({ name, value }) => [name, value]));
    if (plan.volumes.length > 0) migrate.volumes = plan.volumes.map(({ mount }) => mount);
    services[plan.migrate.service] = migrate;
  }
  const doc: Record<string, unknown> = { services };
  if (plan.volumes.length > 0) doc.volumes = Object.fromEntries(plan.volumes.map(({ name }) => [name, null]));
  return doc;
}

/** compose.yaml parsed by the YAML library equals, key by key, what the plan says. */
export function assertComposeMatchesPlan(text: string, plan: ComposePlan): void {
  assertNoControls(text, 'compose.yaml');
  assert.deepEqual(parseYaml(text), expectedCompose(plan));
}
