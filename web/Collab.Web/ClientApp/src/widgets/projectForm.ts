import { describeError } from "../api";
import { h } from "../dom";
import { t } from "../i18n";
import { SDG_NAMES } from "../sdgs";
import type { ProjectFields, ProjectStatus } from "../types";
import { asyncForm, field, textArea, textInput } from "./formFields";

const STATUSES: readonly ProjectStatus[] = ["Running", "Completed", "Canceled"];

/**
 * A project's title, summary, tags and goals, and (when editing) its status: for starting a project in a circle
 * and for its contributors and the circle's moderators to edit it.
 */
export function projectForm(options: {
  testid: string;
  initial?: ProjectFields & { status: ProjectStatus };
  submitLabel: string;
  submit(fields: ProjectFields & { status?: ProjectStatus }): Promise<void>;
  cancel?(): void;
}): HTMLFormElement {
  const initial = options.initial;
  const title = textInput({ name: "title", value: initial?.title, maxlength: 120, required: true, testid: "project-title" });
  const summary = textArea({ name: "summary", value: initial?.summary, maxlength: 2000, testid: "project-summary" });
  const tags = textInput({ name: "tags", value: initial?.tags.join(", "), maxlength: 400, testid: "project-tags" });
  const status = h("select", { class: "input", name: "status", testid: "project-status" },
    ...STATUSES.map((value) => h("option", { value }, t(`project:status_${value}`))));
  status.value = initial?.status ?? "Running";
  const goals = Object.keys(SDG_NAMES).map(Number).map((goal) => {
    const box = h("input", { type: "checkbox", name: "sdgs", value: goal, testid: `project-sdg-${goal}` });
    box.checked = initial?.sdgs.includes(goal) ?? false;
    return { goal, box, label: h("label", { class: "checks__item" }, box, ` ${goal}. ${SDG_NAMES[goal] ?? ""}`) };
  });
  const sdgs = h("fieldset", { class: "checks" }, h("legend", { class: "field__label" }, t("forms:sdgs")), ...goals.map((g) => g.label));
  return asyncForm({
    testid: options.testid,
    fields: [field(t("forms:title"), title), field(`${t("forms:summary")} ${t("forms:optional")}`, summary),
      field(t("forms:tags"), tags, t("forms:tagsHint")), initial ? field(t("forms:status"), status) : null, sdgs]
      .filter((f): f is HTMLElement => f !== null),
    submitLabel: options.submitLabel,
    submit: () => options.submit({
      title: title.value.trim(),
      summary: summary.value.trim(),
      tags: tags.value.split(",").map((tag) => tag.trim().replace(/^#/, "")).filter(Boolean),
      sdgs: goals.filter((g) => g.box.checked).map((g) => g.goal),
      ...(initial ? { status: status.value as ProjectStatus } : {}),
    }),
    cancel: options.cancel,
    describe: describeError,
  });
}
