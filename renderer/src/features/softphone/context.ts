import { createContext, useContext } from 'react';
import type { SoftphoneController } from './softphone-controller';

export const SoftphoneContext = createContext<SoftphoneController | null>(null);

export function useSoftphone(): SoftphoneController {
  const controller = useContext(SoftphoneContext);
  if (!controller) throw new Error('useSoftphone outside <SoftphoneContext.Provider>');
  return controller;
}
