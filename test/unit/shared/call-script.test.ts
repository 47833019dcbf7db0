import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOf, EMPTY_CHECKLIST, flowAt, markHeld, markUsed, missingChecks, SCRIPT_FLOWS } from '../../../shared/call-script';
import { PhraseLibrarySchema } from '../../../shared/phrases';

const ROOT = join(__dirname, '../../..');
const libraries = ['zh-CN', 'en-US'].map((l) => PhraseLibrarySchema.parse(JSON.parse(readFileSync(join(ROOT, `resources/phrases/${l}.json`), 'utf8'))));
const [zh] = libraries;
const phrase = (id: string) => zh!.phrases.find((p) => p.id === id)!;

describe('per-call checklist', () => {
  it('ticks greeting, confirmed and closing from the phrases used; waiting only once the caller was held', () => {
    let list = EMPTY_CHECKLIST;
    expect(missingChecks(list)).toEqual(['greeting', 'confirmed', 'closing']);
    list = markUsed(list, checkOf(phrase('greeting')));
    list = markHeld(list);
    expect(missingChecks(list)).toEqual(['waiting', 'confirmed', 'closing']);
    list = markUsed(list, checkOf(phrase('please-wait')));
    list = markHeld(list); // held again: already said once, stays ticked
    list = markUsed(list, checkOf(phrase('confirm')));
    expect(missingChecks(list)).toEqual(['closing']);
    list = markUsed(list, checkOf(phrase('closing')));
    expect(list).toEqual({ greeting: true, waiting: true, confirmed: true, closing: true });
  });

  it('leaves the list untouched by phrases that tick nothing', () => {
    expect(checkOf(phrase('repeat'))).toBeUndefined();
    expect(markUsed(EMPTY_CHECKLIST, checkOf(phrase('repeat')))).toBe(EMPTY_CHECKLIST);
  });
});

describe('timed script flows', () => {
  const silent = SCRIPT_FLOWS.find((f) => f.id === 'silent')!;

  it('steps every 5 s: greet, greet, no-sound phrase, then hanging up is allowed (R-SILENT-5S)', () => {
    const t0 = 1_000_000;
    expect(flowAt(silent, t0, t0)).toEqual({ step: 0, remainingMs: 5000, mayHangUp: false });
    expect(flowAt(silent, t0, t0 + 4_999)).toEqual({ step: 0, remainingMs: 1, mayHangUp: false });
    expect(flowAt(silent, t0, t0 + 5_000).step).toBe(1);
    expect(flowAt(silent, t0, t0 + 12_500)).toEqual({ step: 2, remainingMs: 2500, mayHangUp: false });
    expect(flowAt(silent, t0, t0 + 15_000)).toEqual({ step: 3, remainingMs: 0, mayHangUp: true });
    // a laptop that slept, or a late tick: still computed from the start
    expect(flowAt(silent, t0, t0 + 3_600_000)).toEqual({ step: 3, remainingMs: 0, mayHangUp: true });
    expect(flowAt(silent, t0, t0 - 50).step).toBe(0);
  });

  it('names phrases and wordings that exist in both libraries, and ends on one that ticks the closing', () => {
    for (const library of libraries)
      for (const flow of SCRIPT_FLOWS) {
        for (const step of flow.steps) expect(library.phrases.find((p) => p.id === step.phraseId)?.say[step.say], `${library.locale} ${flow.id}`).toBeTruthy();
        const last = library.phrases.find((p) => p.id === flow.steps.at(-1)!.phraseId)!;
        expect(checkOf(last)).toBe('closing');
      }
  });
});
