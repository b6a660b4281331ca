import type { CircleMember, CircleRole, CircleView, CircleVisibility, ProjectStatus, ProjectView } from "./types";

// Scope snapshots and event payloads are the server's stored JSON, where enums are numbers; the HTTP API
// sends names. These readers accept both, so pages only ever see names.

const VISIBILITIES: readonly CircleVisibility[] = ["Open", "InviteOnly"];
const ROLES: readonly CircleRole[] = ["Member", "Moderator", "Owner"];
const STATUSES: readonly ProjectStatus[] = ["Running", "Completed", "Canceled"];

function enumName<T extends string>(names: readonly T[], value: unknown, fallback: T): T {
  if (typeof value === "number") return names[value] ?? fallback;
  return typeof value === "string" && (names as readonly string[]).includes(value) ? (value as T) : fallback;
}

export function readCircleMember(raw: unknown): CircleMember {
  const m = raw as CircleMember;
  return { ...m, role: enumName(ROLES, m.role, "Member") };
}

export function readCircle(raw: unknown): CircleView {
  const c = raw as CircleView;
  return {
    ...c,
    visibility: enumName(VISIBILITIES, c.visibility, "Open"),
    viewerRole: c.viewerRole === null || c.viewerRole === undefined ? null : enumName(ROLES, c.viewerRole, "Member"),
  };
}

export function readProject(raw: unknown): ProjectView {
  const p = raw as ProjectView;
  return { ...p, status: enumName(STATUSES, p.status, "Running") };
}
