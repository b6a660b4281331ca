import type { AppContext } from "../context";

/** Someone the composer may suggest after "@". */
export interface MentionCandidate {
  memberId: string;
  handle: string;
  displayName: string;
}

const byCircle = new Map<string, Promise<MentionCandidate[]>>();

/**
 * The members of a circle (its first page, in the order they joined) with their handles, read once per page load
 * per circle, when the member first types "@": a thread page that nobody writes in costs nothing.
 */
export function circleMentionCandidates(ctx: AppContext, circleId: string): Promise<MentionCandidate[]> {
  let candidates = byCircle.get(circleId);
  if (!candidates) {
    candidates = load(ctx, circleId);
    byCircle.set(circleId, candidates);
    // A failure is not remembered: the next "@" asks again.
    candidates.catch(() => byCircle.delete(circleId));
  }
  return candidates;
}

async function load(ctx: AppContext, circleId: string): Promise<MentionCandidate[]> {
  const members = await ctx.api.circleMembers(circleId);
  const profiles = await Promise.all(members.filter((m) => m.memberId !== ctx.me.id).map((m) => ctx.members.get(m.memberId)));
  return profiles.flatMap((p) => (p ? [{ memberId: p.id, handle: p.handle, displayName: p.displayName }] : []));
}
