import { createContext, useContext } from 'react';
import type { SendTeamMessage } from './mailbox';

/** How a component sends a team message (sealed and signed on the main side, then by SIP MESSAGE). */
export const TeamMailContext = createContext<SendTeamMessage | null>(null);

export function useTeamMail(): SendTeamMessage {
  const send = useContext(TeamMailContext);
  if (!send) throw new Error('useTeamMail outside <TeamMailContext.Provider>');
  return send;
}
