import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/zuoxi';
import { openDatabase } from '../../../electron/db/database';
import { SettingsRepo } from '../../../electron/db/settings.repo';
import { visitStores } from '../../../electron/db/visit-stores';
import { loadDefaultSettings, SettingsService } from '../../../electron/services/settings.service';
import { toCsv } from '../../../electron/services/spreadsheet';
import { DeadlinesRepo } from '../../../electron/db/deadlines.repo';
import { DeadlinesService } from '../../../electron/services/deadlines.service';
import { VisitsService } from '../../../electron/services/visits.service';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

/** Cells of sheet1 as rows of text, read with JSZip and the sheet XML (an independent reader). */
async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const zip = await JSZip.loadAsync(bytes);
  expect(Object.keys(zip.files).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
  const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  return [...sheet.matchAll(/<row r="\d+">(.*?)<\/row>/g)].map((row) =>
    [...row[1]!.matchAll(/<c r="[A-Z]+\d+"(?: t="inlineStr")?>(?:<is><t xml:space="preserve">(.*?)<\/t><\/is>|<v>(.*?)<\/v>)<\/c>/g)].map((c) =>
      (c[1] ?? c[2]!).replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&'),
    ),
  );
}

function desk() {
  const dataDir = tempDir();
  const db = openDatabase({ path: join(dataDir, 'zuoxi.sqlite3') });
  const settings = new SettingsService(new SettingsRepo(db), loadDefaultSettings(join(__dirname, '../../../resources')));
  settings.seedDefaults();
  const service = new VisitsService(visitStores(db), settings, () => '1001', new DeadlinesService(new DeadlinesRepo(db), settings));
  const start = new Date('2026-11-20T09:30:00').getTime();
  const a = service.open({ channel: 'hotline', direction: 'inbound', customerNumber: '13800138000', customerName: '王女士', startedAt: start, answeredAt: start + 8000, callId: 'a' });
  service.update(a.id, { category: 'complaint', description: '宽带断网，<急> "三天" & 未修复', status: 'open', tags: ['宽带', '加急'] });
  service.callEnded(a.id, start + 128_000);
  const b = service.open({ channel: 'online', direction: 'outbound', customerNumber: '13900000001', startedAt: start + 86_400_000, callId: 'b' });
  service.update(b.id, { description: '=HYPERLINK("http://evil")', category: 'consult' });
  service.open({ channel: 'hotline', direction: 'inbound', customerNumber: '13700000002', startedAt: start + 5 * 86_400_000, callId: 'c' }); // outside
  db.close();
  return { dataDir };
}

describe('visit export', () => {
  it('writes a real XLSX with Chinese headers and the same rows, from the CLI', async () => {
    const { dataDir } = desk();
    const out = join(tempDir(), 'week.xlsx');
    const lines: string[] = [];
    const code = runCli(['visits', 'export', '--from', '2026-11-20', '--to', '2026-11-21', '--format', 'xlsx', '--out', out, '--data-dir', dataDir], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    expect({ code, lines }).toEqual({ code: 0, lines: [`wrote ${out}`] });
    const rows = await readXlsx(readFileSync(out));
    expect(rows[0]).toEqual(['编号', '渠道', '方向', '来电号码', '客户姓名', '联系方式', '开始时间', '接通时间', '结束时间', '通话时长(秒)', '类别', '客户诉求', '处理结果', '状态', '投诉复杂度', '首问责任人', '标签', '会话记录']);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual(['1', '热线', '呼入', '13800138000', '王女士', '', '2026-11-20 09:30:00', '2026-11-20 09:30:08', '2026-11-20 09:32:08', '120', '投诉', '宽带断网，<急> "三天" & 未修复', '', '处理中', '1001', '宽带、加急']);
    expect(rows[2]!.slice(0, 4)).toEqual(['2', '在线', '呼出', '13900000001']);
  });

  it('names the file by the period\'s first day in the desk\'s time zone, not UTC\'s', () => {
    const db = openDatabase({ path: join(tempDir(), 'zuoxi.sqlite3') });
    const settings = new SettingsService(new SettingsRepo(db), loadDefaultSettings(join(__dirname, '../../../resources')));
    settings.seedDefaults();
    const beijing = { now: Date.now, tzOffset: () => -480 };
    const service = new VisitsService(visitStores(db), settings, () => '1001', new DeadlinesService(new DeadlinesRepo(db), settings), beijing);
    // Beijing midnight of 22 November is 16:00 UTC on the 21st; 07:59 in Beijing is still the 21st in UTC
    const from = Date.UTC(2026, 10, 21, 16, 0);
    expect(service.export(from, from + 86_400_000, 'csv').fileName).toBe('来访记录-2026-11-22.csv');
    expect(service.export(Date.UTC(2026, 10, 21, 23, 59), from + 86_400_000, 'xlsx').fileName).toBe('来访记录-2026-11-22.xlsx');
    // each export is logged: who, the period, how many visits left the desk
    expect(visitStores(db).deskLog.list('export', 10).map((e) => [e.actor, e.detail])).toEqual([
      ['1001', { from: Date.UTC(2026, 10, 21, 23, 59), to: from + 86_400_000, format: 'xlsx', rows: 0 }],
      ['1001', { from, to: from + 86_400_000, format: 'csv', rows: 0 }],
    ]);
    db.close();
  });

  it('writes CSV for Excel (BOM, quoting) that can never run a formula', () => {
    const csv = toCsv(['号码', '内容'], [['138', '=HYPERLINK("x")'], ['139', 'a,"b"\nc'], ['140', null]]).toString('utf8');
    expect(csv).toBe('\uFEFF号码,内容\r\n138,"\'=HYPERLINK(""x"")"\r\n139,"a,""b""\nc"\r\n140,\r\n');
  });

  it('refuses a bad period or format with the usage (exit 2)', () => {
    const { dataDir } = desk();
    const err: string[] = [];
    const io = { out: () => {}, err: (l: string) => err.push(l) };
    expect(runCli(['visits', 'export', '--from', '2026-11-21', '--to', '2026-11-20', '--format', 'csv', '--out', '/tmp/x.csv', '--data-dir', dataDir], io)).toBe(2);
    expect(runCli(['visits', 'export', '--from', '2026-11-20', '--to', '2026-11-21', '--format', 'pdf', '--out', '/tmp/x', '--data-dir', dataDir], io)).toBe(2);
    expect(err.join('\n')).toContain('--format csv|xlsx');
  });
});
