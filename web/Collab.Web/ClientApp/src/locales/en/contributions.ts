// Who wrote the document's current text: the Contributions tab and the Contributors card, both from one source.
export const contributions = {
  loading: "Loading…",
  loadFailed: "Contributions could not be loaded: {{reason}}",
  empty: "Nobody has written anything yet.",
  someone: "Someone",
  exportTitle: "Download who wrote what as JSON",
  export: "Export JSON",
  total_one: "{{formatted}} character · revision {{revision}}",
  total_other: "{{formatted}} characters · revision {{revision}}",
  share: "{{characters}} · {{percent}}",
  barLabel: "{{name}}: {{percent}}",
  cardTitle: "Contributors",
  cardLabel: "{{name}} wrote {{percent}} of the document",
};
