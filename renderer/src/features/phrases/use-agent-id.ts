import { useEffect, useState } from 'react';
import { usePlatformApi } from '../../platform/api-context';
import { useAppStore } from '../../store';

/** The agent's work number for a phrase's {agentId} (the SIP account's, else its user), read again whenever the line changes state. */
export function useAgentId(): string | undefined {
  const api = usePlatformApi();
  const [agentId, setAgentId] = useState<string>();
  const line = useAppStore((s) => s.registration.status);
  // saving the account re-registers, so a new work number shows with the new line state
  useEffect(() => {
    void api.sipAccount.get().then((r) => setAgentId(r.ok ? r.value.account?.agentId || r.value.account?.authUser : undefined));
  }, [api, line]);
  return agentId;
}
