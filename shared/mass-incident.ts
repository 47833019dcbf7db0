/**
 * Mass-incident detection (群发性, R-MASS): many customers reporting the same problem in a short
 * time should be reported to the team lead with concrete examples. Pure: given the recent visits,
 * it finds groups of at least `minVisits` in the same category within `windowMinutes` whose
 * descriptions are alike (Jaccard similarity of their Han pairs and words ≥ `similarity`).
 */
import { z } from 'zod';
import { keyTokens } from './text-index.js';

export const MassIncidentPolicySchema = z
  .object({
    minVisits: z.number().int().min(2).max(100),
    windowMinutes: z.number().int().min(1).max(24 * 60),
    similarity: z.number().min(0.05).max(1),
  })
  .strict();
export type MassIncidentPolicy = z.infer<typeof MassIncidentPolicySchema>;

export interface RecentVisit {
  readonly id: number;
  readonly category: string | null;
  readonly description: string;
  readonly startedAt: number;
  readonly customerNumber: string;
}

export interface MassIncident {
  readonly category: string;
  readonly visitIds: readonly number[];
  /** Up to three descriptions, newest first, as the examples to report. */
  readonly examples: readonly string[];
  readonly firstAt: number;
  readonly lastAt: number;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let both = 0;
  for (const t of a) if (b.has(t)) both++;
  return both / (a.size + b.size - both);
}

export function detectMassIncidents(visits: readonly RecentVisit[], policy: MassIncidentPolicy, now: number): MassIncident[] {
  const since = now - policy.windowMinutes * 60_000;
  const recent = visits.filter((v) => v.startedAt >= since && v.startedAt <= now && v.category !== null && v.description.trim() !== '');
  const found: MassIncident[] = [];
  const byCategory = new Map<string, RecentVisit[]>();
  for (const v of recent) byCategory.set(v.category!, [...(byCategory.get(v.category!) ?? []), v]);
  for (const [category, group] of byCategory) {
    if (group.length < policy.minVisits) continue;
    const tokens = new Map(group.map((v) => [v.id, keyTokens(v.description)]));
    // the largest set of visits alike to one of them (the most typical report is its centre)
    let best: RecentVisit[] = [];
    for (const centre of group) {
      const alike = group.filter((v) => v === centre || jaccard(tokens.get(centre.id)!, tokens.get(v.id)!) >= policy.similarity);
      if (alike.length > best.length) best = alike;
    }
    // different customers: one caller ringing five times is not a mass incident
    if (new Set(best.map((v) => v.customerNumber)).size < policy.minVisits) continue;
    const newest = [...best].sort((a, b) => b.startedAt - a.startedAt);
    found.push({
      category,
      visitIds: newest.map((v) => v.id),
      examples: newest.slice(0, 3).map((v) => v.description),
      firstAt: newest.at(-1)!.startedAt,
      lastAt: newest[0]!.startedAt,
    });
  }
  return found.sort((a, b) => b.visitIds.length - a.visitIds.length);
}
