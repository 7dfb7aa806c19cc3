/** 简体中文：读取项目时记下的内容。 */
import type { PythonIgnoredWhy, ReadNote } from '../read/types.js';
import type { SkipReason } from '../read/project-files.js';
import type { KeyExpected, ProjectFileProblem, UnusableKind } from '../read/problems.js';
import { cliZhCN } from './cli-zh-CN.js';
import type { ReportTexts } from './report-types.js';

const IGNORED_WHY: Readonly<Record<PythonIgnoredWhy, string>> = {
  notCPython3: '不是 CPython 3 的版本',
  expectedRuntimeTxt: '应为 python-3.N 或 python-3.N.P',
  noSupportedPython: '没有一个受支持的 Python 满足它',
  expectedVersion: '应为 3.N 或 3.N.P',
};

const SKIPPED: Readonly<Record<SkipReason, string>> = {
  outsideProject: '是指向项目外部的链接',
  tooLarge: '超过了大小上限',
  doesNotParse: '不是有效的 Python',
};

const or = (names: readonly string[]) => names.join('、');

const entry: ReportTexts['entry'] = (e) => {
  switch (e.form) {
    case 'script':
      return `${e.kindName ? `${e.kindName} 脚本` : '脚本'} ${e.name} -> ${e.command}`;
    case 'django':
      return `Django 项目，${e.source} -> ${e.command}`;
    case 'factory':
      return `${e.kindName ? `${e.kindName} ` : ''}应用工厂函数 "${e.name}"${e.asyncFactory ? '（async）' : ''}，在 ${e.source} 里 -> ${e.command}`;
    case 'app':
      return `${e.kindName ? `${e.kindName} ` : ''}应用 "${e.name}"，在 ${e.source} 里 -> ${e.command}`;
  }
};

function note(n: ReadNote): string {
  switch (n.code) {
    case 'noProject':
      return '没有找到 Python 项目：没有 requirements.txt、pyproject.toml、Pipfile，也没有 .py 文件';
    case 'workspace':
      return `工作区：${n.member} 是 ${n.root} 处 uv 工作区的成员（${n.declaredIn}）`;
    case 'dependencies':
      return cliZhCN.read.dependencies(n.manager, n.files, n.parts);
    case 'noDependencies':
      return '依赖：没有找到（没有 requirements.txt、pyproject.toml 项目、Pipfile、uv.lock 或 poetry.lock）';
    case 'python':
      return `Python：${n.version}，来自 ${n.source}`;
    case 'noPython':
      return 'Python：项目没有指定';
    case 'pythonIgnored':
      return `Python：忽略了 ${n.source} ${JSON.stringify(n.value)}（${IGNORED_WHY[n.why]}）`;
    case 'pythonOutsideRange':
      return `Python：警告：${n.source} 里的 ${n.version} 不在 pyproject.toml requires-python ${JSON.stringify(n.range)} 的范围内`;
    case 'gunicornConf': {
      const bind = n.bind ? `绑定 ${n.bind}` : n.bindComputed ? '的 bind 是计算出来的' : '没有设置 bind（gunicorn 会监听 127.0.0.1:8000）';
      return `启动方式：${n.file} ${bind}${n.wsgiApp ? `，wsgi_app ${n.wsgiApp}` : ''}（gunicorn 从工作目录加载它）`;
    }
    case 'procfile':
      return `启动方式：${n.file} web: ${n.command}`;
    case 'entry':
      return `入口：${entry(n.entry)}`;
    case 'noEntry':
      return `入口：没有找到（没有 Django 的 manage.py；没有 ${or(n.constructors)} 的应用或工厂函数；没有 ${or(n.scripts)} 的脚本）`;
    case 'port':
      return `端口：${n.port}，来自 ${n.source}`;
    case 'noPort':
      return '端口：项目没有指定';
    case 'djangoSettings':
      return `django 设置：${n.module}（来自 ${n.source}${n.manageDefault ? `；manage.py 默认用 ${n.manageDefault}` : ''}）`;
    case 'djangoReads':
      return `django：${n.reads.map((r) => (r.variable ? `${r.setting} 来自 $${r.variable}${r.required ? '（必需）' : ''}` : `${r.setting} 写在 ${r.file} 里`)).join('，')}`;
    case 'djangoStatic':
      return n.staticRoot
        ? `django 静态文件：STATIC_ROOT 在 ${n.staticRoot}${n.whitenoise ? '，由 whitenoise 提供' : ''} -> 构建时运行 collectstatic`
        : 'django 静态文件：没有 STATIC_ROOT（或没有 django.contrib.staticfiles）-> 不运行 collectstatic';
    case 'needsAtStart':
      return `启动时需要：${n.reads.map((r) => `${r.name}（${r.source}）`).join('，')}`;
    case 'importsPkgResources':
      return `导入了 pkg_resources：${n.sources.join('，')}`;
    case 'installsProject':
      return `安装项目本身：${n.source} 读取项目自己的发行包（${n.how}）；按 ${n.projectFiles.join('、')} 构建`;
    case 'writesAtRunTime':
      return `运行时写入：${n.writes.map((w) => `${w.path}（${w.source}）`).join('，')}`;
    case 'notRead':
      return `没有读取：${n.file}（${SKIPPED[n.reason]}${n.line !== undefined ? `，第 ${n.line} 行` : ''}）`;
  }
}

/** The parser's own words stay out: where, and what is wrong, in Chinese. */
const problem: ReportTexts['problem'] = (p) => {
  switch (p.code) {
    case 'invalidToml':
      return `${p.file} 不是有效的 TOML（第 ${p.line} 行第 ${p.column} 列）`;
    case 'invalidRequirement':
      return `${p.file} 第 ${p.line} 行：${JSON.stringify(p.text)} 不是有效的依赖声明`;
    case 'includeNotFound':
      return `${p.file} 第 ${p.line} 行：\`${p.option} ${p.target}\` 指向的文件不存在（${p.path}）`;
    case 'requirementsLine':
      return `${p.file} 第 ${p.line} 行：${requirementsLine(p)}`;
    case 'requirementsMissing':
      return p.unreadable ? `${p.file} 无法读取` : `${p.file} 不存在`;
    case 'badKey':
      return p.key ? `${p.file}：${p.key} ${EXPECTED[p.expected]}` : `${p.file}：${EXPECTED[p.expected]}`;
    case 'badKeyRequirement':
      return `${p.file}：${p.key} 里的 ${JSON.stringify(p.text)} 不是有效的依赖声明`;
    case 'badPythonRange':
      return `${p.file}：${p.key} ${JSON.stringify(p.text)} 不是有效的版本范围`;
    case 'invalidJson':
      return `${p.file} 不是有效的 JSON`;
    case 'lockWithoutManifest':
      return `有 ${p.file} 却没有 ${p.manifest}，而 ${p.tool} 需要它来安装项目`;
    case 'workspaceLockMissing':
      return `${p.declaredIn} 声明了一个包含 ${p.member} 的 uv 工作区，但缺少 ${p.lockFile}：请在那里运行 \`uv lock\``;
    case 'workspaceMemberNotLocked':
      return `${p.lockFile} 没有列出 ${p.member}：请在 ${p.root} 里运行 \`uv lock\``;
    case 'unusableDependencyFile':
      return `${p.file} ${UNUSABLE[p.kind]}：无法从中读取依赖；把它改成列出依赖的可读文件（或删除它）后再运行；没有写入任何文件`;
    case 'projectFolderNotFound':
      return `项目目录不存在：${p.path}`;
  }
};

const EXPECTED: Readonly<Record<KeyExpected, string>> = {
  table: '必须是一个表',
  string: '必须是字符串',
  stringList: '必须是字符串列表',
  boolean: '必须是 true 或 false',
  jsonObject: '必须是一个 JSON 对象',
};

const UNUSABLE: Readonly<Record<UnusableKind, string>> = {
  dangling: '是指向不存在文件的链接',
  folder: '是目录，不是文件',
  special: '不是普通文件',
  unreadable: '无法读取（没有权限）',
};

function requirementsLine(p: Extract<ProjectFileProblem, { code: 'requirementsLine' }>): string {
  const value = JSON.stringify(p.value ?? '');
  switch (p.why) {
    case 'optionAfterRequirement':
      return `选项 ${p.name} 不能跟在同一行的依赖后面`;
    case 'optionNeedsRequirement':
      return `选项 ${p.name} 必须跟在同一行的依赖后面`;
    case 'unexpectedAfterOptions':
      return `选项后面出现了意外的 ${value}`;
    case 'unknownOption':
      return `未知选项 ${value}`;
    case 'optionNeedsValue':
      return `选项 ${p.name} 需要一个值`;
    case 'optionTakesNoValue':
      return `选项 ${p.name} 不接受值`;
    case 'badHash':
      return `--hash 的格式应为 sha256:<十六进制摘要>，收到的是 ${value}`;
    case 'outsideProject':
      return `${p.name ? `${p.name} ` : ''}${p.value}：在项目目录之外，对这个目录的 Docker 构建用不到它`;
    case 'editableTarget':
      return `-e 需要一个本地目录或 VCS 地址，收到的是 ${value}`;
    case 'badEggName':
      return `${value} 里的 #egg= 名称 ${JSON.stringify(p.name ?? '')} 无效`;
    case 'noSuchTarget':
      return `${p.value}：没有这个目录或包文件`;
  }
}

export const reportZhCN: ReportTexts = { note, entry, problem };
