import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from './api';

export interface Session {
  api: Api;
  /** The issue types with templates, offered when editing a hypothesis. */
  issueTypes: string[];
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the signed-in page');
  return session;
}
