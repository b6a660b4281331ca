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
  memberCount: number;
  /** The reader's role, null when not a member. */
  viewerRole: CircleRole | null;
  viewerInvited: boolean;
  createdAt: string;
  createdBy: string;
}

/** One page of a list that grows with use; `next` is the cursor of the following page. */
export interface Page<T> {
  items: T[];
  next: string | null;
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
  contributorCount: number;
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
  commentCount: number;
  lastCommentAt: string | null;
  lastCommentBy: string | null;
  /** The newest comment everyone may see (0 for none). */
  lastCommentId: number;
}

/** How far the member read a thread, kept on the server (so it follows them across devices). */
export interface ThreadReadMark {
  threadId: string;
  circleId: string;
  upTo: number;
  readCount: number;
  at: string;
}

/** A thread of a circle (its own or a project's discussion) with its activity and what the member has not read. */
export interface ThreadUnread {
  threadId: string;
  projectId: string | null;
  title: string;
  commentCount: number;
  lastCommentAt: string | null;
  lastCommentBy: string | null;
  lastCommentId: number;
  unread: number;
  lastReadCommentId: number;
  seen: boolean;
}

/** A thread's new summary, pushed to its circle's scope (no seq: each one replaces the last of that thread). */
export interface ThreadActivity {
  scope: string;
  threadId: string;
  projectId: string | null;
  commentCount: number;
  lastCommentAt: string | null;
  lastCommentBy: string | null;
  lastCommentId: number;
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
  deletedAt?: string | null;
  deletedBy?: string | null;
  held?: boolean;
  hiddenAt?: string | null;
  hiddenBy?: string | null;
}

export interface CommentPage {
  items: CommentView[];
  nextAfter: number | null;
  nextBefore: number | null;
}

export interface MentionNotice {
  threadId: string;
  commentId: number;
  fromMemberId: string;
  excerpt: string;
  at: string;
  read: boolean;
  cursor: string | null;
  /** Why it is in the inbox: the comment mentions the member, or replies to their comment. */
  reason: "mention" | "reply";
}

export interface InboxPage {
  items: MentionNotice[];
  next: string | null;
  unread: number;
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

/** A crowded scope's presence: how many are here; its entries are then only the most recent arrivals. */
export interface PresenceSummary {
  members: number;
  connections: number;
}

export interface PresenceSnapshot {
  scope: string;
  entries: PresenceEntry[];
  summary?: PresenceSummary | null;
}

export interface JoinResult {
  scope: string;
  seq: number;
  reset: boolean;
  snapshot: unknown;
  events: LiveEvent[];
  presence: PresenceSnapshot | null;
}

/** An operation in ot-text-unicode JSON: retain n, insert "text", delete {d: n or "text"}; code points throughout. */
export type TextOpComponent = number | string | { d: number | string };
export type TextOp = TextOpComponent[];

/** The payload of a `document.op` event: an operation as the server applied it (its seq is the revision). */
export interface DocumentOpPayload {
  op: TextOp;
  clientOpId: string;
  revision: number;
  authorId: string;
}

/** What OpenDocument answers: the text at `revision`, or the operations after the revision the client knew. */
export interface DocumentOpenResult {
  documentId: string;
  scope: string;
  revision: number;
  text: string | null;
  ops: LiveEvent[];
  canEdit: boolean;
  presence: PresenceSnapshot;
}

/** SubmitOperation's answer: the client's operation became `revision`, applied as `op`. */
export interface DocumentAckResult {
  documentId: string;
  revision: number;
  op: TextOp;
  clientOpId: string;
}

/** Another connection's cursor (anchor = focus) or selection, in code points of the text at `revision`. */
export interface CursorUpdate {
  scope: string;
  connectionId: string;
  memberId: string;
  displayName: string;
  revision: number;
  anchor: number;
  focus: number;
}

export interface DocumentText {
  documentId: string;
  revision: number;
  text: string;
}

export interface DocumentRevision {
  revision: number;
  authorId: string;
  at: string;
  inserted: number;
  deleted: number;
}

export interface DocumentHistoryPage {
  items: DocumentRevision[];
  nextAfter: number | null;
}

export interface AuthorContribution {
  memberId: string;
  handle: string | null;
  displayName: string | null;
  characters: number;
  share: number;
}

export interface DocumentAttribution {
  documentId: string;
  revision: number;
  length: number;
  authors: AuthorContribution[];
}

/** The reactions the server accepts, in the order the palette shows them. */
export const REACTIONS = ["👍", "❤️", "🎉", "😄", "🤔", "🌱", "🙏", "👀"] as const;

/** One circle's row on the dashboard of all circles. */
export interface CircleActivity {
  circleId: string;
  membersLive: number;
  commentsPerMinute: number;
  commentsRecentAverage: number;
  commentsSpike: boolean;
  editsPerMinute: number;
  newMembersLastHour: number;
  openFlags: number;
  heldPosts: number;
}

/**
 * A dashboard's figures (pushed as `Activity` about once a second while joined). Rates count the last 60 s; the
 * series are the last hour, one number a minute, oldest first, the last the minute in progress.
 */
export interface ActivitySnapshot {
  scope: string;
  at: string;
  membersLive: number;
  commentsPerMinute: number;
  editsPerMinute: number;
  newMembersPerMinute: number;
  newMembersLastHour: number;
  openFlags: number;
  heldPosts: number;
  commentsRecentAverage: number;
  commentsSpike: boolean;
  seriesStart: string;
  commentsSeries: number[];
  editsSeries: number[];
  newMembersSeries: number[];
  circles: CircleActivity[];
}

export type FlagReason = "Spam" | "Harassment" | "OffTopic" | "Safeguarding" | "Other";

export const FLAG_REASONS: readonly (readonly [FlagReason, string])[] = [
  ["Spam", "Spam"], ["Harassment", "Harassment"], ["OffTopic", "Off-topic"], ["Safeguarding", "Safeguarding (a learner may be at risk)"], ["Other", "Something else"],
];

export interface FlagReport {
  memberId: string;
  reason: FlagReason;
  note: string | null;
  at: string;
}

/** An item of a circle's review queue. */
export interface FlagView {
  flagId: string;
  target: "comment" | "document";
  threadId: string | null;
  commentId: number | null;
  documentId: string | null;
  excerpt: string | null;
  reasons: FlagReport[];
  state: "open" | "resolved";
  openedAt: string;
  resolvedBy?: string | null;
  resolution?: string | null;
}

export interface AuditEntry {
  at: string;
  actorId: string;
  action: string;
  target: string;
  reason: string | null;
}
