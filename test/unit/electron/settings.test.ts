import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/database';
import { SettingsRepo } from '../../../electron/db/settings.repo';
import { createAppContext } from '../../../electron/services/app-context';
import { loadDefaultSettings, SettingsService } from '../../../electron/services/settings.service';
import { AppError } from '../../../shared/result';
import type { SettingsPatch } from '../../../shared/settings';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const root = join(__dirname, '..', '..', '..');
const defaults = loadDefaultSettings(join(root, 'resources'));

describe('settings', () => {
  it('ships Simplified Chinese as the default language and valid not-ready reasons', () => {
    expect(defaults.locale).toBe('zh-CN');
    expect(defaults.notReadyReasons.map((r) => r.label['zh-CN'])).toContain('小休');
  });

  it('seeds defaults on first run and never overwrites the agent’s choice on later runs', () => {
    const dataDir = tempDir();
    const options = { host: 'browser', version: '0.0.0', dataDir, resourcesDir: join(root, 'resources'), appRoot: root } as const;
    const first = createAppContext(options);
    expect(first.settings.get()).toEqual(defaults);
    first.settings.update({ locale: 'en-US' });
    first.close();

    const second = createAppContext(options);
    expect(second.settings.get().locale).toBe('en-US');
    expect(second.settings.get().notReadyReasons).toEqual(defaults.notReadyReasons);
    second.close();
  });

  it('sees its own updates and another process\'s at once, though it keeps what it parsed', () => {
    const path = join(tempDir(), 'z.sqlite3');
    const db = openDatabase({ path });
    const service = new SettingsService(new SettingsRepo(db), defaults);
    service.seedDefaults();
    expect(service.get()).toBe(service.get()); // parsed once
    expect(service.update({ companyName: '起点' }).companyName).toBe('起点');
    const cli = openDatabase({ path }); // another connection: the CLI
    new SettingsService(new SettingsRepo(cli), defaults).update({ companyName: '终点' });
    cli.close();
    expect(service.get().companyName).toBe('终点');
    db.close();
  });

  it('falls back to the default for a stored value that no longer validates', () => {
    const db = openDatabase({ path: join(tempDir(), 'z.sqlite3') });
    const repo = new SettingsRepo(db);
    repo.put({ locale: 'fr-FR', notReadyReasons: [] }, 1);
    expect(new SettingsService(repo, defaults).get()).toEqual(defaults);
    db.close();
  });

  it('keeps what a desk stored before a setting grew a field, the new field at its default', () => {
    const db = openDatabase({ path: join(tempDir(), 'z.sqlite3') });
    const repo = new SettingsRepo(db);
    // as stored before issue 16: no teamAsked, no presenceSeconds
    repo.put({ onboarding: { companyAsked: true }, team: { role: 'lead', leads: [], agents: ['1001'], ackTimeoutSeconds: 90 } } as unknown as SettingsPatch, 1);
    const s = new SettingsService(repo, defaults).get();
    expect(s.onboarding).toEqual({ companyAsked: true, teamAsked: false });
    expect(s.team).toEqual({ role: 'lead', leads: [], agents: ['1001'], ackTimeoutSeconds: 90, presenceSeconds: 15 });
    db.close();
  });

  it('rejects an invalid update with bad-arguments and stores nothing', () => {
    const db = openDatabase({ path: join(tempDir(), 'z.sqlite3') });
    const service = new SettingsService(new SettingsRepo(db), defaults);
    const duplicateIds = [defaults.notReadyReasons[0]!, defaults.notReadyReasons[0]!];
    expect(() => service.update({ notReadyReasons: duplicateIds } as SettingsPatch)).toThrow(AppError);
    expect(() => service.update({ locale: 'xx' } as unknown as SettingsPatch)).toThrow(/locale/);
    expect(db.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(0);
    db.close();
  });
});
