/** 简体中文：`--verify` 说的话。 */
import type { VerifyTexts } from './verify-types.js';

const list = (items: readonly (string | number)[]) => items.join('、');

export const verifyZhCN: VerifyTexts = {
  options: {
    verify: '写完文件后，用你的 docker（BuildKit）构建 Dockerfile，按生产方式运行镜像（非 root、只读、无网络），探测它、停止它，并打印结论；结束时删除它创建的东西',
    keep: '与 --verify 一起用：保留它创建的镜像和已停止的容器',
  },
  keepWithoutVerify: '--keep 保留的是 --verify 构建的镜像和容器，而这次运行不做验证：加上 --verify，或去掉 --keep',
  question: '现在就在你的 docker 引擎上构建并运行镜像来检查一下吗？（需要一分钟或更久；结束时删除它创建的东西）',
  cannot: {
    noCli: '无法验证：PATH 里没有 `docker` 命令。请安装 Docker Desktop，或 Docker Engine 23+ 并带上 buildx 插件（https://docs.docker.com/engine/install/）；文件已经写好。',
    noEngine: (detail) =>
      `无法验证：没有 docker 引擎应答（${detail || '`docker version` 失败'}）。请启动 Docker Desktop 或 docker 服务，或检查 DOCKER_HOST / \`docker context ls\`；文件已经写好。`,
    tooOld: (server, minimum) =>
      `无法验证：Docker Engine ${server} 对这些 Dockerfile 来说太旧了（BuildKit 缓存挂载需要 ${minimum} 或更新）。请安装 Docker Engine 23+ 或新版 Docker Desktop；文件已经写好。`,
    noBuildKit: (client) =>
      `无法验证：这里的 \`docker build\`（命令行 ${client || '?'}）用的是旧构建器，它不认 RUN --mount。请安装 buildx 插件（软件包 docker-buildx-plugin，或 Docker Desktop）；文件已经写好。`,
    dryRun: '什么都没写（--dry-run）：没有可验证的东西。',
    nothingWritten: '没有写任何 Dockerfile：没有可验证的东西。',
  },
  title: '在你的 docker 引擎上验证',
  engine: (name, server, client, buildx) => `  ${name} ${server}，docker 命令行 ${client}${buildx ? `，buildx ${buildx}` : ''}`,
  build: (dockerfile, image, hostNetwork) => `  构建 ${dockerfile}，镜像名 ${image}${hostNetwork ? '（这个引擎没有 bridge 网络：RUN 步骤使用宿主机网络）' : ''}`,
  step: (name, state, seconds) =>
    `    ${name}  ${state === 'cached' ? 'CACHED' : state === 'failed' ? '失败' : seconds !== undefined ? `${seconds.toFixed(1)} 秒` : '完成'}`,
  run: (command) => `  按生产方式启动：\`${command}\``,
  placeholders: (items) => `  占位值（应用读取它们时没有默认值；生产环境请给真实的值）：${list(items)}`,
  probe: (path, port, boundS) => `  在容器内部探测 GET ${path}（端口 ${port}，不发布任何端口），最多等 ${boundS} 秒`,
  verdict: {
    title: (dockerfile) => `${dockerfile} 的结论`,
    labels: {
      build: '构建',
      size: '镜像大小',
      firstResponse: '首次响应',
      status: 'HTTP 状态',
      user: '用户 ID',
      stop: '停止耗时',
      exitCode: '退出码',
      placeholders: '占位值',
      log: '日志',
      cause: '可能的原因',
      result: '结果',
    },
    build: (seconds, steps, cached) => `${seconds} 秒（${steps} 步，${cached} 步命中缓存）`,
    buildFailed: (seconds, step) => `${seconds} 秒后失败${step ? `，在 ${step}` : ''}`,
    megabytes: (mb) => `${mb} MB`,
    seconds: (value) => `${value} 秒`,
    exitedBeforeAnswer: (code, seconds) => `无：容器${seconds ? `在 ${seconds} 秒后` : ''}退出，退出码 ${code}`,
    noAnswer: (boundS) => `${boundS} 秒内无响应`,
    status: (status, path, port) => `${status}（GET ${path}，端口 ${port}）`,
    none: '-',
    uid: (uid) => uid,
    uidFromImage: (uid) => `${uid}（镜像的 USER）`,
    rootLesson: '0，root：这正是这个文件要讲的问题（Dockerfile 以非 root 用户运行）',
    alreadyStopped: '-（它已经自己停止了）',
    killedLesson: '137，10 秒后被强制结束：这正是这个文件要讲的问题（Dockerfile 大约一秒就能停下）',
    cleanLog: '没有 ERROR 或 Traceback 行',
    unknownCause: '生成器认不出来：请看日志（`docker logs`，或加 --keep 再运行一次）',
    ok: '通过：能构建、能响应、以非 root 用户运行、能干净地停止',
    failed: (problems) => `失败：${problems.join('；')}`,
    problems: {
      'build-failed': () => '构建失败',
      'run-failed': (f) => `\`docker run\` 拒绝启动它（${f.runError ?? '?'}）`,
      exited: (f) => `容器在响应之前就退出了（退出码 ${f.exitCode ?? '?'}）`,
      'no-answer': (f) => `${f.boundS} 秒内端口 ${f.port} 上没有响应`,
      'no-probe': () => '探测程序无法在容器里运行（它需要 PATH 里有 python）',
      'server-error': (f) => `GET 返回 ${f.status ?? '?'}（服务器错误）`,
      'loopback-only': (f) => `服务器只监听 127.0.0.1:${f.port}，发布的端口到不了那里：请绑定 0.0.0.0`,
      'other-port': (f) => `端口 ${f.port} 上没有监听，应用监听的是 ${list(f.listening)}：请加 --port ${f.listening[0] ?? f.port}`,
      root: () => '它以 root 运行',
      killed: () => '`docker stop` 等了 10 秒后只好强制结束它（退出码 137）：进程不理会 SIGTERM',
      'stop-exit': (f) => `\`docker stop\` 时它以退出码 ${f.exitCode ?? '?'} 退出`,
      'log-errors': () => '日志里有 ERROR 或 Traceback 行',
    },
  },
  causes: {
    'entry-point': (c) =>
      c.ignoredBy
        ? `入口 ${c.target} 需要模块 ${c.module}，它在项目里，但不在镜像里：.dockerignore 的这一行把它挡在外面："${c.ignoredBy}"`
        : c.inProject
          ? `入口 ${c.target} 需要模块 ${c.module}，它在项目里，但在镜像的工作目录里导入不了：请检查 --wsgi-app`
          : `入口 ${c.target} 指向的模块 ${c.module} 在项目里不存在：请用 --wsgi-app 模块:应用 指定正确的入口`,
    'entry-attribute': (c) => `模块 ${c.module} 里没有 ${c.attribute}：入口 ${c.target} 指向的应用对象不对；请用 --wsgi-app ${c.module}:名字 指定正确的`,
    'project-module': (c) =>
      c.ignoredBy
        ? `应用导入了 ${c.module}，它在项目里，但不在镜像里：.dockerignore 的这一行把它挡在外面："${c.ignoredBy}"`
        : `应用导入了 ${c.module}，它在项目里，但在镜像的工作目录里导入不了`,
    'missing-dependency': (c) => `应用导入了 ${c.module}，但镜像没有安装它：请把提供它的包加进 ${c.files.length > 0 ? list(c.files) : '依赖文件'}`,
    'needs-volume': (c) => {
      const why = c.readOnly ? '按生产方式运行时是只读的' : '应用用户没有写权限';
      return c.folder
        ? `应用要写 ${c.path}，而它${why}：请在 ${c.folder} 上挂一个卷（\`docker run -v NAME:${c.folder}\`），或者改写到 /tmp 下`
        : `应用要写 ${c.path}，而它${why}：请把这个文件放进一个目录并在那里挂卷，或者改写到 /tmp 下`;
    },
    'missing-variable': (c) => `应用需要环境变量 ${c.name}，读取时没有默认值：请用 \`docker run -e ${c.name}=...\` 传入（compose.yaml 里写在 environment: 下）`,
    'placeholder-rejected': (c) => `应用不接受占位值 ${c.name}=${c.value}：它需要真实的值（\`docker run -e ${c.name}=...\`）`,
  },
  removed: (container, image) => `  已删除容器 ${container} 和镜像 ${image}（其他东西都没动）。`,
  kept: (container, image) => `  已保留（--keep）：镜像 ${image} 和已停止的容器 ${container}。删除它们：\`docker rm -v ${container} && docker rmi ${image}\``,
  compose: {
    ok: (version) => `compose.yaml：docker compose ${version} 接受它（\`docker compose config\`）`,
    failed: (message) => `compose.yaml：\`docker compose config\` 不接受它：${message}`,
    missing: 'compose.yaml：没有检查，没有安装 docker compose 插件（软件包 docker-compose-plugin，或 Docker Desktop）',
  },
  summary: {
    ok: (count) => `验证通过：${count === 1 ? '镜像' : `全部 ${count} 个镜像`}按生产方式运行都正常。`,
    failed: (count, of) => `验证失败：${of} 个 Dockerfile 中有 ${count} 个没通过，详见上面的结论。文件已经写好。`,
  },
};
