// Who is here now.
export const presence = {
  nobody: "Nobody else is here right now.",
  typing: "typing…",
  more: "and {{formatted}} more here now",
};
