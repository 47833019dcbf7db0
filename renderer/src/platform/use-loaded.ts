import { useEffect, useState, type DependencyList } from 'react';
import type { Result } from '../../../shared/result';

/**
 * A contract call's value for as long as the component is mounted, asked again whenever `deps`
 * change (null until the first answer; a failed call keeps the last value). An answer that arrives
 * after unmounting or after newer deps is dropped.
 */
export function useLoaded<T>(load: () => Promise<Result<T>>, deps: DependencyList): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let live = true;
    void load().then((r) => live && r.ok && setValue(r.value));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps are the load's inputs
  }, deps);
  return value;
}
