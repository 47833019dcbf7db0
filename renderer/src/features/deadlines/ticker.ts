import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessHours } from '../../../../shared/business-calendar';
import { formatRemaining, levelAt, remainingMs, schedule, type Clock, type DeadlineLevel } from '../../../../shared/deadlines';

/**
 * One timer for every countdown on screen. Each tick runs the registered handlers, which write the
 * few text nodes and attributes that changed straight into the DOM: a tick never sets React state,
 * so it re-renders nothing. Ticks land just after each wall-clock second; each one is recorded as a
 * `deadline-tick` performance measure (what `npm run bench:deadlines` reads).
 */
export const TICK_MEASURE = 'deadline-tick';
const MAX_MEASURES = 600;

type Handler = (now: number) => void;
const handlers = new Set<Handler>();
let timer: ReturnType<typeof setTimeout> | undefined;
let measured = 0;

function run(): void {
  timer = undefined;
  const start = performance.now();
  const now = Date.now();
  for (const h of handlers) h(now);
  if (typeof performance.measure === 'function') {
    if (++measured > MAX_MEASURES) {
      performance.clearMeasures(TICK_MEASURE);
      measured = 1;
    }
    performance.measure(TICK_MEASURE, { start, end: performance.now() });
  }
  arm();
}

function arm(): void {
  if (timer === undefined && handlers.size > 0) timer = setTimeout(run, 1000 - (Date.now() % 1000) + 2);
}

/** Runs `handler` now and on every tick until the returned function is called. */
export function onTick(handler: Handler): () => void {
  handlers.add(handler);
  handler(Date.now());
  arm();
  return () => {
    handlers.delete(handler);
    if (handlers.size === 0 && timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
  };
}

export interface CountdownSource {
  readonly clock: Clock;
  readonly dueSoonMs: number;
  readonly hours: BusinessHours;
}

/** A clock's level and text at `now`; the schedule is computed once per source, so a tick only compares. */
export function countdownReader(source: CountdownSource): (now: number) => { level: DeadlineLevel; text: string } {
  const s = schedule(source.clock, source.dueSoonMs, source.hours);
  return (now) => {
    if (!s) return { level: source.clock.doneAt !== null ? 'done' : 'paused', text: formatRemaining(remainingMs(source.clock, now, source.hours)) };
    const left = source.clock.businessHours ? remainingMs(source.clock, now, source.hours) : s.dueAt - now;
    return { level: levelAt(s, now), text: formatRemaining(left) };
  };
}

/** The level in words beside the time, so colour is never the only sign of it ('' when all is well). */
export type LevelWords = Readonly<Record<DeadlineLevel, string>>;

/**
 * Keeps `text` showing the time left and `levelOf` (the row or pill around it) carrying
 * `data-level` = ok | due-soon | breached | paused | done, which the stylesheet colours; `mark`,
 * when given, says the level in words.
 */
export function bindCountdown(text: HTMLElement, source: CountdownSource, levelOf: HTMLElement = text, mark?: { el: HTMLElement; words: LevelWords }): () => void {
  const read = countdownReader(source);
  return onTick((now) => {
    const { level, text: value } = read(now);
    if (text.textContent !== value) text.textContent = value;
    if (levelOf.dataset['level'] !== level) levelOf.dataset['level'] = level;
    if (mark && mark.el.textContent !== mark.words[level]) mark.el.textContent = mark.words[level];
  });
}

/**
 * Refs for a countdown: `left` shows the time, `level` (the row or pill) carries data-level, `mark`
 * the level in words. Bound again only when `source` changes (memoise it on the clock's fields).
 */
export function useCountdown<L extends HTMLElement>(source: CountdownSource | null) {
  const { t } = useTranslation();
  const level = useRef<L>(null);
  const left = useRef<HTMLSpanElement>(null);
  const mark = useRef<HTMLSpanElement>(null);
  const words = useMemo<LevelWords>(() => ({ ok: '', 'due-soon': t('deadlines.level.due-soon'), breached: t('deadlines.level.breached'), paused: t('deadlines.level.paused'), done: t('deadlines.level.done') }), [t]);
  useEffect(
    () => (source && left.current && level.current ? bindCountdown(left.current, source, level.current, mark.current ? { el: mark.current, words } : undefined) : undefined),
    [source, words],
  );
  return { level, left, mark };
}
