import type { Api } from "./api";
import type { Member } from "./types";

/** Member profiles by id, each fetched once per page load (names and handles rarely change). */
export class MemberDirectory {
  private readonly byId = new Map<string, Promise<Member | null>>();

  constructor(private readonly api: Api) {}

  /** Seeds the cache with a profile already at hand (the signed-in member, say). */
  remember(member: Member): void {
    this.byId.set(member.id, Promise.resolve(member));
  }

  get(id: string): Promise<Member | null> {
    let member = this.byId.get(id);
    if (!member) {
      member = this.api.member(id).catch((error: unknown) => {
        console.warn(`Member ${id} could not be loaded`, error);
        this.byId.delete(id); // ask again next time rather than remember a failure
        return null;
      });
      this.byId.set(id, member);
    }
    return member;
  }

  async displayName(id: string): Promise<string> {
    return (await this.get(id))?.displayName ?? "Someone";
  }
}
