import type { DevTokenResponse, Member } from "./types";

// The signed-in member and their bearer token, kept in localStorage so a reload stays signed in.

const KEY = "collab.session";

export interface Session {
  token: string;
  expiresAt: string;
  member: Member;
}

export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    // A token that is about to expire would fail half-way through a page; ask for a new one instead.
    if (!session.token || new Date(session.expiresAt).getTime() - Date.now() < 60_000) return null;
    return session;
  } catch {
    return null;
  }
}

export function saveSession(response: DevTokenResponse): Session {
  const session: Session = { token: response.token, expiresAt: response.expiresAt, member: response.member };
  localStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
}
