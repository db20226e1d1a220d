import type { OkadaDatabase, OkadaSync } from "@okada/client-sdk";
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { SessionUser } from "../session/session.ts";
import type { Store } from "../ui/store.ts";
import type { Journal } from "./journal.ts";
import type { Notices } from "./notices.ts";

/** Everything a signed-in screen works with. */
export interface WorkspaceValue {
  readonly db: OkadaDatabase;
  readonly sync: OkadaSync;
  readonly user: SessionUser;
  readonly journal: Journal;
  readonly notices: Notices;
  /**
   * The last exchange with the server, kept across reloads: the SDK's
   * `lastSyncedAt` starts empty in every page load.
   */
  readonly lastSync: Store<number | null>;
}

export const WorkspaceContext = createContext<WorkspaceValue | null>(null);

export function useWorkspace(): WorkspaceValue {
  const value = useContext(WorkspaceContext);
  if (value === null) {
    throw new Error("useWorkspace() needs a <Workspace> above it.");
  }
  return value;
}
