import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SettingsPatchSchema, SettingsSchema, type Settings, type SettingsPatch } from '../../shared/settings.js';
import { AppError, ErrorCode } from '../../shared/result.js';
import type { SettingsRepo } from '../db/settings.repo.js';

/**
 * Settings with defaults from resources/ (loadDefaultSettings): defaults are seeded into SQLite on
 * first run (never overwriting the agent's own choices) and every read is validated, so a
 * hand-edited or older row falls back to its default instead of breaking the UI. The validated
 * result is kept until this service writes or another process commits to the file (saving a
 * visit reads the categories and the deadline policy: parsing every setting each time cost a
 * third of the bulk-load rate in bench:visits).
 */
export class SettingsService {
  private cached: { readonly version: number; readonly settings: Settings } | null = null;

  constructor(
    private readonly repo: SettingsRepo,
    private readonly defaults: Settings,
    private readonly now: () => number = Date.now,
  ) {}

  seedDefaults(): number {
    this.cached = null;
    return this.repo.seed(this.defaults, this.now());
  }

  get(): Settings {
    const version = this.repo.othersVersion();
    if (this.cached?.version !== version) this.cached = { version, settings: this.read() };
    return this.cached.settings;
  }

  private read(): Settings {
    const stored = this.repo.all();
    const merged: Record<string, unknown> = { ...this.defaults };
    for (const key of Object.keys(this.defaults) as (keyof Settings)[]) {
      const field = SettingsSchema.shape[key].safeParse(stored.get(key));
      if (field.success) merged[key] = field.data;
    }
    return SettingsSchema.parse(merged);
  }

  update(patch: SettingsPatch): Settings {
    const parsed = SettingsPatchSchema.safeParse(patch);
    if (!parsed.success) throw new AppError(ErrorCode.BadArguments, parsed.error.message);
    this.repo.put(parsed.data, this.now());
    this.cached = null;
    return this.get();
  }
}

/**
 * The shipped defaults: resources/defaults/settings.json with the deadline policy from
 * resources/policies/default.json. A broken resources/ folder is a packaging bug, so fail loudly.
 */
export function loadDefaultSettings(resourcesDir: string): Settings {
  const read = (...path: string[]) => JSON.parse(readFileSync(join(resourcesDir, ...path), 'utf8')) as Record<string, unknown>;
  return SettingsSchema.parse({ ...read('defaults', 'settings.json'), deadlinePolicy: read('policies', 'default.json') });
}
