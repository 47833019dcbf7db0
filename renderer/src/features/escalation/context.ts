import { createContext, useContext } from 'react';
import type { TeamChannel } from './team-channel';

export const TeamChannelContext = createContext<TeamChannel | null>(null);

export function useTeamChannel(): TeamChannel {
  const channel = useContext(TeamChannelContext);
  if (!channel) throw new Error('useTeamChannel outside <TeamChannelContext.Provider>');
  return channel;
}
