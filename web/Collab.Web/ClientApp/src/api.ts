import type {
  CircleMember, CircleSummary, CircleView, CommentPage, DevTokenResponse, DocumentAttribution, DocumentHistoryPage, DocumentText, Member,
  InboxPage, Page, AuditEntry, CommentView, FlagReason, FlagView, ProjectView, ThreadReadMark, ThreadUnread, ThreadView,
} from "./types";
import { readCircle, readCircleMember, readProject } from "./wire";

/** An RFC 7807 problem from the server, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

interface Problem {
  title?: string;
  detail?: string;
  errors?: Record<string, string[]>;
}

/** The HTTP API; every call carries the member's bearer token. */
export class Api {
  constructor(private readonly token: () => string | null, private readonly onUnauthorized: () => void) {}

  static async devToken(handle: string, displayName: string): Promise<DevTokenResponse> {
    return request<DevTokenResponse>("POST", "/auth/dev-token", null, { handle, displayName });
  }

  async circles(): Promise<CircleSummary[]> { return (await this.get<Page<CircleSummary>>("/api/circles?limit=200")).items; }
  async circle(id: string): Promise<CircleView> { return readCircle(await this.get(`/api/circles/${enc(id)}`)); }
  async joinCircle(id: string): Promise<CircleView> { return readCircle(await this.send("POST", `/api/circles/${enc(id)}/join`)); }
  async circleThreads(id: string): Promise<ThreadView[]> {
    return (await this.get<Page<ThreadView>>(`/api/circles/${enc(id)}/threads?limit=200`)).items;
  }
  async circleProjects(id: string): Promise<ProjectView[]> {
    return (await this.get<Page<unknown>>(`/api/circles/${enc(id)}/projects?limit=200`)).items.map(readProject);
  }
  createThread(circleId: string, title: string): Promise<ThreadView> {
    return this.send("POST", `/api/circles/${enc(circleId)}/threads`, { title });
  }
  async project(id: string): Promise<ProjectView> { return readProject(await this.get(`/api/projects/${enc(id)}`)); }
  thread(id: string): Promise<ThreadView> { return this.get(`/api/threads/${enc(id)}`); }
  comments(threadId: string, after: number, limit = 200): Promise<CommentPage> {
    return this.get(`/api/threads/${enc(threadId)}/comments?after=${after}&limit=${limit}`);
  }
  /** The newest comments older than `before`, oldest first. */
  commentsBefore(threadId: string, before: number, limit = 50): Promise<CommentPage> {
    return this.get(`/api/threads/${enc(threadId)}/comments?before=${before}&limit=${limit}`);
  }
  member(id: string): Promise<Member> { return this.get(`/api/members/${enc(id)}`); }
  me(): Promise<Member> { return this.get("/api/members/me"); }
  inbox(): Promise<InboxPage> { return this.get("/api/members/me/inbox"); }
  /** Marks the inbox read up to a notice's cursor (and everything older); answers the unread count. */
  markInboxRead(upTo: string): Promise<number> { return this.send("POST", "/api/members/me/inbox/read", { upTo }); }
  /** The circle's threads and project discussions with their activity and what the member has not read. */
  circleUnread(circleId: string): Promise<ThreadUnread[]> { return this.get(`/api/circles/${enc(circleId)}/unread`); }
  /** How far the member read the thread (null: never opened). */
  threadRead(threadId: string): Promise<ThreadReadMark | null> { return this.get(`/api/threads/${enc(threadId)}/read`); }
  markThreadRead(threadId: string, upTo: number): Promise<ThreadReadMark> {
    return this.send("PUT", `/api/threads/${enc(threadId)}/read`, { upTo });
  }
  async circleMembers(circleId: string): Promise<CircleMember[]> {
    return (await this.get<Page<unknown>>(`/api/circles/${enc(circleId)}/members?limit=200`)).items.map(readCircleMember);
  }

  flagComment(threadId: string, commentId: number, reason: FlagReason, note: string): Promise<FlagView> {
    return this.send("POST", `/api/threads/${enc(threadId)}/comments/${commentId}/flags`, { reason, note: note || null });
  }
  /** The circle's open flags, oldest first (moderators). */
  flags(circleId: string): Promise<Page<FlagView>> { return this.get(`/api/circles/${enc(circleId)}/flags?limit=100`); }
  resolveFlag(circleId: string, flagId: string, resolution: string): Promise<FlagView> {
    return this.send("POST", `/api/circles/${enc(circleId)}/flags/${enc(flagId)}/resolve`, { resolution });
  }
  heldPosts(circleId: string): Promise<Page<CommentView>> { return this.get(`/api/circles/${enc(circleId)}/held?limit=100`); }
  audit(circleId: string): Promise<Page<AuditEntry>> { return this.get(`/api/circles/${enc(circleId)}/audit?limit=50`); }
  hideComment(threadId: string, commentId: number, reason: string): Promise<CommentView> {
    return this.send("PUT", `/api/threads/${enc(threadId)}/comments/${commentId}/hidden`, { reason });
  }
  approveComment(threadId: string, commentId: number): Promise<CommentView> {
    return this.send("POST", `/api/threads/${enc(threadId)}/comments/${commentId}/approve`, {});
  }
  deleteComment(threadId: string, commentId: number): Promise<CommentView> {
    return this.send("DELETE", `/api/threads/${enc(threadId)}/comments/${commentId}`);
  }

  /** A project's document (same id as the project): its current text and revision. */
  document(id: string): Promise<DocumentText> { return this.get(`/api/documents/${enc(id)}`); }
  documentHistory(id: string, after: number, limit = 200): Promise<DocumentHistoryPage> {
    return this.get(`/api/documents/${enc(id)}/history?after=${after}&limit=${limit}`);
  }
  documentTextAt(id: string, revision: number): Promise<DocumentText> {
    return this.get(`/api/documents/${enc(id)}/text?revision=${revision}`);
  }
  /** Makes the text what it was at `revision`, as one new revision; a retry with the same id restores once. */
  restoreDocument(id: string, revision: number, clientOpId: string): Promise<unknown> {
    return this.send("POST", `/api/documents/${enc(id)}/restore`, { revision, clientOpId });
  }
  documentAttribution(id: string): Promise<DocumentAttribution> { return this.get(`/api/documents/${enc(id)}/attribution`); }

  private get<T>(path: string): Promise<T> { return this.send<T>("GET", path); }

  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    try {
      return await request<T>(method, path, this.token(), body);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.onUnauthorized();
      throw error;
    }
  }
}

const enc = encodeURIComponent;

async function request<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (token) headers["Authorization"] = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? null : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, "You seem to be offline. Check your connection and try again.");
  }
  if (response.ok) return (response.status === 204 ? undefined : await response.json()) as T;

  let problem: Problem = {};
  try {
    problem = (await response.json()) as Problem;
  } catch {
    // Not a problem document (a proxy's error page, say): the status text below is all there is.
  }
  const message = problem.detail ?? problem.title ?? `${response.status} ${response.statusText}`;
  throw new ApiError(response.status, message, problem.errors ?? {});
}

/** A sentence for a toast: the server's own explanation when there is one. */
export function describeError(error: unknown): string {
  return error instanceof Error && error.message ? error.message : "Something went wrong. Please try again.";
}
