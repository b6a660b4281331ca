import { avatarClass, h, initials } from "../dom";

/** A round avatar with initials; the colour is stable per member. */
export function avatar(memberId: string, name: string, size: "small" | "medium" = "medium"): HTMLElement {
  return h("span", { class: `${avatarClass(memberId)} avatar--${size}`, title: name, "aria-hidden": "true" }, initials(name));
}
