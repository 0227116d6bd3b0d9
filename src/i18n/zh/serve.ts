import type { ServeErrorDetails } from '../../serve/errors.js';
import { grouped } from '../format.js';
import { sayIssue } from '../schema-issue.js';
import type { ServeWording } from '../serve.js';
import type { ErrorTable } from '../table.js';

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 102.4) / 10} MB`;

export const serve: ServeWording = {
  help: {
    summary: '启动本机网页和 HTTP 接口（检查、修复照片，办理期限，清单）',
    description:
      '在本机启动网页（给不用命令行的家长和照相馆）和 HTTP 接口（给医保、社保系统的后台），内容与命令行相同。默认只监听本机（127.0.0.1）；照片只在内存中处理，从不写入磁盘，也不会发到别处',
    options: {
      port: '端口（0：任选一个空闲端口）',
      host: '监听地址；本机以外的地址（如 0.0.0.0）还须加 --allow-remote',
      open: '启动后用默认浏览器打开网页',
      'allow-remote': '允许监听本机以外的地址：同一网络中的任何人都能访问',
      'allow-host': '也接受发往这个主机名的请求（反向代理的名字），可重复；其他名字一律拒绝',
      concurrency: '同时处理的照片数（每个一个线程；做过人脸检查的线程约占 250–380 MB 内存）',
      queue: '等待处理的照片请求最多几个，再多的回答 429',
      'max-body': '请求体上限（MB）；表单为其中文件之和',
      'max-pixels': '照片声明的像素上限（默认与检查照片相同：1 亿像素）',
      timeout: '每个请求的时限（秒），超时回答 503',
    },
    after: [
      '',
      '示例：',
      '  shebao serve --open                              在浏览器中打开网页',
      '  shebao serve --port 9000 --lang en',
      '  shebao serve --host 0.0.0.0 --allow-remote       在容器或局域网中提供接口',
      '  curl -s --data-binary @photo.jpg -H "Content-Type: image/jpeg" http://127.0.0.1:8080/api/check',
      '',
      '接口说明：http://127.0.0.1:8080/api/openapi.json 和 docs/serve.md',
      '',
      '按 Ctrl-C 停止（处理中的请求会先完成）。退出码：0 正常停止 · 2 用法错误或无法监听',
    ].join('\n'),
  },
  placeholders: { port: '端口', host: '地址', name: '主机名', n: '个数', mb: 'MB', pixels: '像素', seconds: '秒' },
  listening: (url) => `shebao 已启动：${url}\n在浏览器中打开这个地址；按 Ctrl-C 停止`,
  remoteWarning: (host) =>
    `警告：正在监听 ${host}，同一网络中的任何人都能访问这个服务。孩子的照片是个人信息：只在可信的网络中这样做，或放在有身份验证的反向代理之后`,
  openFailed: (url) => `无法自动打开浏览器，请手动打开：${url}`,
  stopping: '正在停止：等待处理中的请求完成…',
  web: {
    milestones: {
      'card-application': ({ status, facts }) => {
        if (status === 'done') return undefined;
        return facts.applied === null ? '申领前先检查一下照片。申领后填上申领日期，可算出制卡完成的日期。' : '申领前先检查一下照片。';
      },
    },
    cardDuration: (earliest) => (earliest.count === 0 ? undefined : '填上申领日期可算出具体日期。'),
    items: { 'e-photo': '申领前先检查一下' },
  },
};

export const serveErrors: ErrorTable<ServeErrorDetails> = {
  'remote-host-refused': ({ host }) => ({
    message: `${host} 不是本机地址：同一网络中的任何人都能访问，照片是个人信息`,
    hint: `确需如此（例如在容器中），请加 --allow-remote；只在本机使用请去掉 --host`,
  }),
  'option-out-of-range': ({ option, value, min, max }) => ({ message: `${option} "${value}" 应为 ${grouped(min)}–${grouped(max)} 之间的整数` }),
  'listen-failed': ({ host, port, reason }) => ({
    message: `无法在 ${host}:${port} 上监听（${reason}）`,
    hint:
      reason === 'EADDRINUSE'
        ? `端口 ${port} 已被占用：换一个端口（--port 9000），或用 --port 0 任选空闲端口`
        : reason === 'EACCES'
          ? '没有权限使用这个端口（1024 以下的端口需要管理员权限）：换一个 1024 以上的端口'
          : '请检查 --host：它应是这台机器上的地址',
  }),
  'body-too-large': ({ maxBytes }) => ({ message: `请求太大：上限 ${mb(maxBytes)}`, hint: '一次少传几张照片，或先把照片缩小' }),
  'too-many-files': ({ maxFiles }) => ({ message: `一次最多上传 ${maxFiles} 张照片`, hint: '分几次上传' }),
  'too-many-pixels': ({ width, height, maxPixels }) => ({
    message: `照片声明 ${width}×${height} 像素（${Math.round((width * height) / 1e6)} MP），超过服务器的上限 ${Math.round(maxPixels / 1e5) / 10} MP，未解码`,
    hint: '请用手机的普通拍照模式，或先把照片缩小',
  }),
  'unsupported-media-type': ({ contentType, accepted }) => ({
    message: `这个接口不接受 ${contentType || '没有 Content-Type 的请求体'}`,
    hint: `请用以下类型之一：${accepted.join('、')}`,
  }),
  'queue-full': ({ retryAfter }) => ({ message: '服务器正忙：所有照片处理位置都已占满', hint: `请在 ${retryAfter} 秒后重试` }),
  timeout: ({ seconds }) => ({ message: `请求超过 ${seconds} 秒，已停止处理`, hint: '照片太大或服务器太忙：稍后重试，或先把照片缩小' }),
  'host-not-allowed': ({ host }) => ({
    message: `这个服务不回答${host ? `发往主机名“${host}”的请求` : '没有 Host 头的请求'}`,
    hint: '请用 shebao serve 启动时显示的地址打开网页（默认 http://127.0.0.1:8080/）；在反向代理之后，启动时用 --allow-host 加上代理对外的主机名',
  }),
  'not-found': ({ method, path }) => ({ message: `没有这个接口：${method} ${path}`, hint: '接口列表见 /api/openapi.json' }),
  'bad-query': ({ parameter, allowed, format }) => ({
    message: `查询参数 ${parameter} 缺失或取值无效`,
    hint: allowed ? `可选值：${allowed.join('、')}` : format ? `格式：${format}` : '接口说明见 /api/openapi.json',
  }),
  'invalid-json': () => ({ message: '请求体不是有效的 JSON', hint: '请发送 shebao profile 保存的档案 JSON' }),
  'bad-body': ({ problems }) => ({
    message: `档案有误：\n${problems.map((p) => `  ${p.field}：${sayIssue(p.issue, 'zhCN')}`).join('\n')}`,
    hint: '档案格式与 shebao profile 保存的文件相同，见 /api/openapi.json',
  }),
  'no-photo': () => ({ message: '请求中没有照片', hint: '把照片作为请求体发送（Content-Type: image/jpeg），或用 multipart/form-data 上传文件' }),
  'bad-request': () => ({ message: '无法读取这个请求', hint: '请检查请求的格式（表单、JSON）是否完整' }),
  'internal-error': () => ({ message: '服务器内部错误', hint: '这是 shebao 的问题：请报告当时的操作和照片的情况' }),
};
