/** 简体中文 (default). Every visible string lives here and in en-US.ts with the same keys. */
export const zhCN = {
  app: { title: '坐席', subtitle: '客服坐席工作台' },
  boot: {
    loading: '正在连接坐席服务…',
    failedTitle: '无法连接坐席服务',
    'no-token': '缺少启动令牌。请使用启动 Zuoxi 时打印的完整地址打开本页面。',
    refused: '坐席服务拒绝了连接，或服务未运行。请重新启动 Zuoxi。',
    internal: '启动失败：{{message}}',
  },
  nav: { regions: '区域', phoneRail: '电话栏', workspace: '工作区', statusBar: '状态栏' },
  tabs: { overview: '工作台', settings: '设置' },
  phone: {
    title: '软电话',
    registration: {
      'not-configured': '线路未配置',
    },
    notConfiguredHint: '尚未配置 SIP 线路。线路设置将在软电话功能中提供。',
  },
  agent: {
    label: '坐席状态',
    status: { ready: '就绪', 'not-ready': '未就绪', ringing: '振铃中', 'on-call': '通话中', 'wrap-up': '话后处理' },
    setReady: '置为就绪',
    setNotReady: '置为未就绪',
    chooseReason: '选择未就绪原因',
    saveFailed: '坐席状态未能记录：{{message}}',
  },
  overview: {
    title: '系统信息',
    version: '版本',
    host: '运行方式',
    hostKind: { electron: '桌面应用 (Electron)', browser: '浏览器 (本机服务)' },
    platform: '操作系统',
    database: '数据库',
    schemaVersion: '数据库结构版本',
    refresh: '刷新',
  },
  settings: {
    title: '设置',
    language: '界面语言',
    languages: { 'zh-CN': '简体中文', 'en-US': 'English' },
    notReadyReasons: '未就绪原因',
    saved: '已保存',
    saveFailed: '保存失败：{{message}}',
  },
  shortcuts: {
    title: '键盘快捷键',
    open: '快捷键 (F1)',
    tab: '切换到第 {{n}} 个标签页',
    region: '在电话栏、工作区和状态栏之间切换焦点',
    language: '切换界面语言',
    help: '显示快捷键',
    ready: '就绪 / 未就绪',
  },
  status: { host: '运行方式', schema: '数据结构 v{{version}}' },
  errors: {
    'bad-arguments': '输入有误',
    forbidden: '无权执行此操作',
    'not-found': '未找到',
    unavailable: '服务暂不可用',
    internal: '内部错误',
  },
} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof zhCN>;
