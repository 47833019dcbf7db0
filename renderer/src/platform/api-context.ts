import { createContext, useContext } from 'react';
import type { AgentApi } from '../../../shared/ipc-contract';

/** The contract API for components that call it directly (forms); slices get it through StoreDeps. */
export const ApiContext = createContext<AgentApi | null>(null);

export function usePlatformApi(): AgentApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('usePlatformApi outside <ApiContext.Provider>');
  return api;
}
