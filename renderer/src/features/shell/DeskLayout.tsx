import { Splitter } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ASSIST_PX, ROSTER_PX, clampPx, panesFor, type DeskLayout as Sizes, type DeskPane } from '../../../../shared/desk-layout';
import { useAppStore, useAppStoreApi } from '../../store';
import { DeskSuggestions } from '../kb';
import { OverviewPanel } from '../overview';
import { PhrasePanel } from '../phrases';
import { RosterPane } from '../team';
import { CurrentVisit, HandoverCard, MassIncidentAlert, UnsavedDrafts } from '../visits';
import { ChatClockRows } from '../chat';
import { DeadlineBoard } from '../deadlines';
import { FirstRun } from './FirstRun';

/** What each pane of the 工作台 holds; the visit pane takes the room the others leave. */
const PANES: Readonly<Record<DeskPane, { labelKey: string; size?: { key: keyof Sizes; range: { min: number; max: number } }; render: () => ReactNode }>> = {
  roster: { labelKey: 'desk.roster', size: { key: 'rosterPx', range: ROSTER_PX }, render: () => <RosterPane /> },
  visit: {
    labelKey: 'desk.visit',
    render: () => (
      <>
        <FirstRun />
        <MassIncidentAlert />
        <UnsavedDrafts />
        <CurrentVisit />
        <DeadlineBoard live={<ChatClockRows />} />
        <HandoverCard />
        <OverviewPanel />
      </>
    ),
  },
  assist: {
    labelKey: 'desk.assist',
    size: { key: 'assistPx', range: ASSIST_PX },
    render: () => (
      <>
        <DeskSuggestions />
        <PhrasePanel />
      </>
    ),
  },
};

/**
 * The 工作台 laid out for the call in hand: the visit being written and, beside it, the phrases of
 * the phase and the knowledge suggestions for what the customer asked, each pane scrolling on its
 * own so nothing the call needs falls below the fold at 1366×768. Sizes are dragged and remembered.
 */
export function DeskLayout() {
  const { t } = useTranslation();
  const role = useAppStore((s) => s.settings?.team.role ?? 'agent');
  const sizes = useAppStore((s) => s.settings?.deskLayout);
  const store = useAppStoreApi();
  const panes = panesFor(role);
  const remember = (dragged: number[]) => {
    const current = store.getState().settings?.deskLayout;
    if (!current) return;
    const next = { ...current };
    panes.forEach((p, i) => {
      const size = PANES[p].size;
      if (size && dragged[i] !== undefined) next[size.key] = clampPx(dragged[i], size.range);
    });
    if (panes.some((p) => PANES[p].size && next[PANES[p].size.key] !== current[PANES[p].size.key])) void store.getState().updateSettings({ deskLayout: next });
  };
  if (!sizes) return null;
  return (
    <Splitter className="desk-split" onResizeEnd={remember}>
      {panes.map((p) => {
        const { labelKey, size, render } = PANES[p];
        return (
          <Splitter.Panel key={p} {...(size ? { defaultSize: sizes[size.key], min: size.range.min, max: size.range.max } : { min: 360 })}>
            <section className="desk-pane" data-pane={p} aria-label={t(labelKey)}>
              {render()}
            </section>
          </Splitter.Panel>
        );
      })}
    </Splitter>
  );
}
