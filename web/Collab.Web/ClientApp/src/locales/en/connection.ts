// The live connection's state in the header, and the commands waiting to be sent.
export const connection = {
  state: {
    connected: "connected",
    reconnecting: "reconnecting",
    offline: "offline",
    refused: "too many tabs",
  },
  explain: {
    connected: "Live: changes from others appear as they happen.",
    reconnecting: "Reconnecting… anything you send waits and goes out once the connection is back.",
    offline: "Offline. You can keep writing; messages are sent when you are back online.",
    refused: "Your account is open in too many tabs or devices at once. Close one and this tab connects again by itself; anything you write waits until then.",
  },
  waiting_one: "{{count}} waiting to send",
  waiting_other: "{{count}} waiting to send",
};
