/** The Python reader's queries (lib/read/python.ts) on parsed code. */
import assert from 'node:assert/strict';
import {
  assignmentsIn,
  callableWithoutArguments,
  callArguments,
  calleeName,
  callsIn,
  dottedName,
  functionsIn,
  importsIn,
  integerLiteral,
  keywordArgument,
  moduleStatements,
  returnValues,
  stringLiteral,
} from '../../../lib/read/python.js';
import { parseCode } from '../../helpers/python.js';


describe('Python source (lib/read/python.ts)', () => {
  it('imports: plain, dotted, aliased, relative, parenthesized and star', () => {
    const source = parseCode(
      [
        'import flask as fl',
        'import os.path, sys',
        'from fastapi import FastAPI as F, APIRouter',
        'from ..core.app import (make_app as build,',
        '    settings)',
        'from . import views',
        'from .base import *',
        'if TYPE_CHECKING:',
        '    from aiohttp import web',
        '',
      ].join('\n'),
    );
    const bindings = importsIn(source).map(({ local, module, name, level }) => ({ local, module, name, level }));
    assert.deepEqual(bindings, [
      { local: 'fl', module: 'flask', name: undefined, level: 0 },
      { local: 'os', module: 'os', name: undefined, level: 0 },
      { local: 'os.path', module: 'os.path', name: undefined, level: 0 },
      { local: 'sys', module: 'sys', name: undefined, level: 0 },
      { local: 'F', module: 'fastapi', name: 'FastAPI', level: 0 },
      { local: 'APIRouter', module: 'fastapi', name: 'APIRouter', level: 0 },
      { local: 'build', module: 'core.app', name: 'make_app', level: 2 },
      { local: 'settings', module: 'core.app', name: 'settings', level: 2 },
      { local: 'views', module: '', name: 'views', level: 1 },
      { local: '*', module: 'base', name: '*', level: 1 },
      { local: 'web', module: 'aiohttp', name: 'web', level: 0 },
    ]);
  });

  it('module-level assignments: annotated, chained, tuples, inside if/try, not in functions, main guard apart', () => {
    const source = parseCode(
      [
        'app: Flask = Flask(__name__)',
        'a = b = make()',
        'x, y = 1, 2',
        'try:',
        '    server = app.server',
        'except ImportError:',
        '    server = None',
        'def f():',
        '    hidden = 1',
        'class C:',
        '    inside = 2',
        'if __name__ == "__main__":',
        '    app.run(port=8000)',
        '    main_only = 3',
        'n += 1',
        '',
      ].join('\n'),
    );
    const names = assignmentsIn(source).map((assignment) => assignment.targets.join(','));
    assert.deepEqual(names, ['app', 'a,b', 'x,y', 'server', 'server', 'n']);
    const withMain = assignmentsIn(source, undefined, { mainGuard: true }).map((assignment) => assignment.targets.join(','));
    assert.ok(withMain.includes('main_only'));
    const [app] = assignmentsIn(source);
    assert.equal(source.slice(app!.annotation!), 'Flask');
    assert.equal(calleeName(source, app!.value!), 'Flask');
    assert.equal(app!.line, 1);
    assert.equal(assignmentsIn(source).at(-1)!.update, '+=');
  });

  it('functions: async, decorated, parameters with defaults, keyword-only, *args, return annotation and values', () => {
    const source = parseCode(
      [
        'async def init_app(loop=None, *, debug: bool = False) -> web.Application:',
        '    app = web.Application()',
        '    def nested():',
        '        return other',
        '    return app',
        '',
        '@lru_cache',
        '@app.route("/", methods=["GET"])',
        'def get_application(settings, /, *args, **kwargs) -> "FastAPI":',
        '    return FastAPI(title=f"{name!r:>{width}}")',
        '',
      ].join('\n'),
    );
    const [init, get] = functionsIn(source);
    assert.equal(init!.name, 'init_app');
    assert.equal(init!.async, true);
    assert.deepEqual(
      init!.parameters.map((p) => [p.name, p.kind, p.hasDefault]),
      [
        ['loop', 'positional', true],
        ['debug', 'keywordOnly', true],
      ],
    );
    assert.equal(dottedName(source, init!.returns), 'web.Application');
    assert.ok(callableWithoutArguments(init!));
    assert.deepEqual(returnValues(init!).map((node) => source.slice(node)), ['app']);

    assert.equal(get!.name, 'get_application');
    assert.equal(get!.async, false);
    assert.deepEqual(get!.decorators, ['lru_cache', 'app.route("/", methods=["GET"])']);
    assert.deepEqual(
      get!.parameters.map((p) => [p.name, p.kind]),
      [
        ['settings', 'positional'],
        ['args', 'varArgs'],
        ['kwargs', 'varKeywords'],
      ],
    );
    assert.equal(callableWithoutArguments(get!), false);
    assert.equal(stringLiteral(source, get!.returns), 'FastAPI');
    const [returned] = returnValues(get!);
    assert.equal(calleeName(source, returned!), 'FastAPI');
  });

  it('calls and arguments: keywords, stars, literals', () => {
    const source = parseCode('uvicorn.run("main:app", host="0.0.0.0", port=8_000, *rest, **extra)\n');
    const [call] = callsIn(source.tree.topNode);
    assert.equal(calleeName(source, call!), 'uvicorn.run');
    const args = callArguments(source, call!);
    assert.deepEqual(
      args.map((arg) => [arg.name ?? '', arg.star ?? '', source.slice(arg.value)]),
      [
        ['', '', '"main:app"'],
        ['host', '', '"0.0.0.0"'],
        ['port', '', '8_000'],
        ['', '*', 'rest'],
        ['', '**', 'extra'],
      ],
    );
    assert.equal(integerLiteral(source, keywordArgument(source, call!, 'port')), 8000);
    assert.equal(stringLiteral(source, keywordArgument(source, call!, 'host')), '0.0.0.0');
  });

  it('string literals: prefixes, escapes, concatenation; f-strings and bytes are not literals', () => {
    const value = (code: string) => stringLiteral(parseCode(`x = ${code}\n`), assignmentsIn(parseCode(`x = ${code}\n`))[0]!.value);
    assert.equal(value('"a\\tb"'), 'a\tb');
    assert.equal(value("r'\\d+'"), '\\d+');
    assert.equal(value('"con" \'cat\''), 'concat');
    assert.equal(value('"""doc\nstring"""'), 'doc\nstring');
    assert.equal(value('"\\u00e9\\x41"'), 'éA');
    assert.equal(value('f"{x}"'), undefined);
    assert.equal(value('b"x"'), undefined);
    assert.equal(value('"a" + "b"'), undefined);
  });

  it('survives syntax the readers must read through: decorators, type hints, match, nested f-strings, walrus, PEP 695', () => {
    const source = parseCode(
      [
        'type Point = tuple[float, float]',
        'def first[T](items: list[T]) -> T:',
        '    return items[0]',
        'match command.split():',
        '    case [action, obj]:',
        '        app = Flask(__name__)',
        'print(f"{"nested" if (n := 1) else f\'{x!r}\'}")',
        'async def handler(request):',
        '    async with session() as s:',
        '        await s.get(url)',
        '',
      ].join('\n'),
    );
    assert.equal(source.errorLine, undefined);
    assert.deepEqual(assignmentsIn(source).map((a) => a.targets[0]), ['app']);
    assert.deepEqual(functionsIn(source).map((fn) => fn.name), ['first', 'handler']);
  });

  it('valid Python @lezer/python flags is not "does not parse": a bare yield, parenthesized context managers', () => {
    for (const code of [
      '@asynccontextmanager\nasync def lifespan(app):\n    await connect()\n    yield\n    await disconnect()\n',
      'def fixture():\n    value = yield\n',
      'with (open("a") as a, open("b") as b):\n    pass\n',
    ]) {
      assert.equal(parseCode(code).errorLine, undefined, code);
    }
    assert.equal(parseCode('with open("a") as a:\n    def (:\n').errorLine, 2, 'an error in the body still counts');
  });

  it('a file that does not parse says where, and is never a crash', () => {
    const source = parseCode('import os\n\ndef broken(:\n    pass\n');
    assert.equal(source.errorLine, 3);
    assert.ok(moduleStatements(source).length >= 1);
  });

  it('brackets nested deeper than the parser can hold (CPython refuses more than 200): a file that does not parse, never a crash', () => {
    const source = parseCode(`import os\nx = ${'('.repeat(100_000)}1${')'.repeat(100_000)}\n`);
    // Whether the parser runs out of stack or recovers with an error node depends on the stack left: either way, line 2.
    assert.equal(source.errorLine, 2);
  }).timeout(120_000);

  it('ends on inputs that made the old regular expressions run for minutes (the timings themselves are for npm run bench)', () => {
    // Before the parser, 999 KB of newlines took over 300 s and an unclosed call repeated 289 s.
    // A parse is linear: even on a loaded machine these finish in seconds, far below those.
    for (const text of ['\n'.repeat(999_000), 'a.run(\n'.repeat(140_000), 'os.environ["X"]\n'.repeat(60_000)]) {
      const started = process.hrtime.bigint();
      const source = parseCode(text);
      importsIn(source);
      assignmentsIn(source);
      callsIn(source.tree.topNode);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      assert.ok(seconds < 60, `${seconds.toFixed(1)} s`);
    }
  }).timeout(240_000);
});
