// The shapes Collab sends over HTTP and the hub (camelCase JSON). Enums arrive as strings from the HTTP
// API and the hub's own records, but as numbers inside scope snapshots and event payloads (those are stored
// JSON), so the enum-typed fields below are normalised by the readers in wire.ts.

export type CircleVisibility = "Open" | "InviteOnly";
export type CircleRole = "Member" | "Moderator" | "Owner";
export type ProjectStatus = "Running" | "Completed" | "Canceled";
export type PresenceActivity = "Viewing" | "Typing";

export interface Member {
  id: string;
  handle: string;
  displayName: string;
  circles: Record<string, CircleRole>;
  createdAt: string;
}

export interface DevTokenResponse {
  token: string;
  expiresAt: string;
  member: Member;
}

export interface CircleSummary {
  id: string;
  name: string;
  description: string;
  visibility: CircleVisibility;
  memberCount: number;
}

export interface CircleMember {
  memberId: string;
  role: CircleRole;
  joinedAt: string;
}

export interface CircleView {
  id: string;
  name: string;
  description: string;
  visibility: CircleVisibility;
  members: CircleMember[];
  projectIds: string[];
  threadIds: string[];
  createdAt: string;
  createdBy: string;
}

export interface ProjectView {
  id: string;
  circleId: string;
  title: string;
  summary: string;
  status: ProjectStatus;
  tags: string[];
  sdgs: number[];
  contributorIds: string[];
  threadId: string;
  createdAt: string;
  createdBy: string;
}

export interface ThreadView {
  id: string;
  circleId: string;
  projectId: string | null;
  title: string;
  locked: boolean;
  lastSeq: number;
  createdAt: string;
  createdBy: string;
}

export interface CommentView {
  threadId: string;
  id: number;
  parentId: number | null;
  authorId: string;
  text: string;
  createdAt: string;
  editedAt: string | null;
  reactions: Record<string, string[]>;
  mentionIds: string[];
}

export interface CommentPage {
  items: CommentView[];
  nextAfter: number | null;
}

export interface MentionNotice {
  threadId: string;
  commentId: number;
  fromMemberId: string;
  excerpt: string;
  at: string;
}

export interface LiveEvent {
  scope: string;
  seq: number;
  kind: string;
  payload: unknown;
  actorId: string;
  at: string;
}

export interface PresenceEntry {
  connectionId: string;
  memberId: string;
  displayName: string;
  activity: PresenceActivity;
  where: string;
}

export interface PresenceSnapshot {
  scope: string;
  entries: PresenceEntry[];
}

export interface JoinResult {
  scope: string;
  seq: number;
  reset: boolean;
  snapshot: unknown;
  events: LiveEvent[];
  presence: PresenceSnapshot | null;
}

/** The reactions the server accepts, in the order the palette shows them. */
export const REACTIONS = ["👍", "❤️", "🎉", "😄", "🤔", "🌱", "🙏", "👀"] as const;
