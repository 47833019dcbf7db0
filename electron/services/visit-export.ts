import type { ChatMessage } from '../../shared/chat.js';
import type { Settings } from '../../shared/settings.js';
import type { Visit } from '../../shared/visits.js';
import { toCsv, toXlsx, type Cell } from './spreadsheet.js';

export type ExportFormat = 'csv' | 'xlsx';

const HEADER = ['编号', '渠道', '方向', '来电号码', '客户姓名', '联系方式', '开始时间', '接通时间', '结束时间', '通话时长(秒)', '类别', '客户诉求', '处理结果', '状态', '投诉复杂度', '首问责任人', '标签', '会话记录'];
const CHANNEL = { hotline: '热线', online: '在线' } as const;
const DIRECTION = { inbound: '呼入', outbound: '呼出' } as const;
const STATUS = { open: '处理中', 'pending-department': '待其他部门', resolved: '已解决', closed: '已关闭' } as const;
const COMPLEXITY = { simple: '简单', complex: '复杂' } as const;

/** Local wall-clock time, "2026-11-22 10:05:09", in the time zone `tzOffset` gives (minutes behind UTC). */
export function localTime(ms: number | null, tzOffset: (at: number) => number): string | null {
  if (ms === null) return null;
  return new Date(ms - tzOffset(ms) * 60_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The visits of a period as a spreadsheet with Chinese headers (the weekly report's raw rows). */
export function exportVisits(visits: Iterable<Visit>, format: ExportFormat, settings: Settings, tzOffset: (at: number) => number, transcriptOf: (visitId: number) => readonly ChatMessage[] = () => []): Buffer {
  const categories = new Map(settings.visitCategories.map((c) => [c.id, c.label['zh-CN']]));
  function* rows(): Generator<Cell[]> {
    for (const v of visits) {
      yield [
        v.id,
        CHANNEL[v.channel],
        DIRECTION[v.direction],
        v.customerNumber,
        v.customerName,
        v.contact,
        localTime(v.startedAt, tzOffset),
        localTime(v.answeredAt, tzOffset),
        localTime(v.endedAt, tzOffset),
        v.answeredAt !== null && v.endedAt !== null ? Math.round((v.endedAt - v.answeredAt) / 1000) : null,
        v.category === null ? null : (categories.get(v.category) ?? v.category),
        v.description,
        v.resolution,
        STATUS[v.status],
        v.complexity === null ? null : COMPLEXITY[v.complexity],
        v.owner,
        v.tags.join('、'),
        v.channel === 'online' ? transcriptOf(v.id).map((m) => `${localTime(m.storedAt, tzOffset)} ${m.direction === 'in' ? '客户' : '坐席'}：${m.text}`).join('\n') || null : null,
      ];
    }
  }
  return format === 'csv' ? toCsv(HEADER, rows()) : toXlsx('来访记录', HEADER, rows());
}
