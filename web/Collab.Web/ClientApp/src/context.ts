import type { Api } from "./api";
import type { LiveConnection } from "./live/liveConnection";
import type { MemberDirectory } from "./members";
import type { Member } from "./types";

/** What every page of a signed-in workspace can use. */
export interface AppContext {
  readonly api: Api;
  readonly live: LiveConnection;
  readonly members: MemberDirectory;
  /** The signed-in member; its circles are refreshed when they change (joining one, say). */
  me: Member;
  refreshMe(): Promise<Member>;
  /** Calls `listener` with the member each time `refreshMe` brings a new copy; returns how to stop. */
  onMeChanged(listener: (me: Member) => void): () => void;
  notify(message: string, tone?: "info" | "error"): void;
}

/** A mounted page: its root element, and how to let go of its subscriptions and timers. */
export interface Page {
  readonly element: HTMLElement;
  dispose(): void;
}
