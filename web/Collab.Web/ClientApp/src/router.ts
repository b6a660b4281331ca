// Hash routes, so the server only ever serves index.html and the API.

export type Route =
  | { name: "circles" }
  | { name: "circle"; id: string }
  | { name: "circleDashboard"; id: string }
  | { name: "dashboard" }
  | { name: "profile" }
  | { name: "moderation" }
  | { name: "project"; id: string }
  | { name: "thread"; id: string; commentId: number | null }
  | { name: "notFound" };

export function parseRoute(hash: string): Route {
  const [path = "", query = ""] = hash.replace(/^#/, "").split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: "circles" };
  const [kind, id] = parts;
  if (parts.length === 1 && kind === "dashboard") return { name: "dashboard" };
  if (parts.length === 1 && kind === "me") return { name: "profile" };
  if (parts.length === 1 && kind === "moderation") return { name: "moderation" };
  if (parts.length === 3 && kind === "circles" && id && parts[2] === "dashboard") return { name: "circleDashboard", id };
  if (parts.length === 2 && id) {
    if (kind === "circles") return { name: "circle", id };
    if (kind === "projects") return { name: "project", id };
    if (kind === "threads") {
      const comment = Number(new URLSearchParams(query).get("comment"));
      return { name: "thread", id, commentId: Number.isInteger(comment) && comment > 0 ? comment : null };
    }
  }
  return { name: "notFound" };
}

export const href = {
  circles: (): string => "#/",
  circle: (id: string): string => `#/circles/${encodeURIComponent(id)}`,
  circleDashboard: (id: string): string => `#/circles/${encodeURIComponent(id)}/dashboard`,
  dashboard: (): string => "#/dashboard",
  profile: (): string => "#/me",
  moderation: (): string => "#/moderation",
  project: (id: string): string => `#/projects/${encodeURIComponent(id)}`,
  thread: (id: string, commentId?: number): string =>
    `#/threads/${encodeURIComponent(id)}${commentId ? `?comment=${commentId}` : ""}`,
};
