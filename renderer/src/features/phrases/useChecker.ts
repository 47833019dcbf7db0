import { useMemo } from 'react';
import { compileChecker, type Checker } from '../../../../shared/compliance';
import { forbiddenOf } from '../../../../shared/phrases';
import { useAppStore } from '../../store';

/** The compliance checker for this desk: library counter-examples + company settings + unpublished articles. */
export function useChecker(): Checker | null {
  const library = useAppStore((s) => s.phraseLibrary);
  const policy = useAppStore((s) => s.settings?.compliance);
  const unreleased = useAppStore((s) => s.unreleasedTitles);
  return useMemo(
    () => (library && policy ? compileChecker({ ...policy, forbidden: forbiddenOf(library), unreleased: [...policy.unreleased, ...unreleased] }) : null),
    [library, policy, unreleased],
  );
}
