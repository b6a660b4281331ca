import { describeError } from "../api";
import { h } from "../dom";
import { t } from "../i18n";
import type { CircleVisibility } from "../types";
import { asyncForm, field, textArea, textInput } from "./formFields";

export interface CircleFields {
  name: string;
  description: string;
  visibility: CircleVisibility;
}

/** A circle's name, description and who may join: for founding a circle and for its owners to edit it. */
export function circleForm(options: {
  testid: string;
  initial?: CircleFields;
  submitLabel: string;
  submit(fields: CircleFields): Promise<void>;
  cancel?(): void;
}): HTMLFormElement {
  const name = textInput({ name: "name", value: options.initial?.name, maxlength: 120, required: true, testid: "circle-name" });
  const description = textArea({ name: "description", value: options.initial?.description, maxlength: 2000, testid: "circle-description" });
  const visibility = h("select", { class: "input", name: "visibility", testid: "circle-visibility" },
    h("option", { value: "Open" }, t("circle:visibilityOpen")),
    h("option", { value: "InviteOnly" }, t("circle:visibilityInvite")));
  visibility.value = options.initial?.visibility ?? "Open";
  return asyncForm({
    testid: options.testid,
    fields: [field(t("forms:name"), name), field(`${t("forms:description")} ${t("forms:optional")}`, description),
      field(t("circle:visibility"), visibility)],
    submitLabel: options.submitLabel,
    submit: () => options.submit({ name: name.value.trim(), description: description.value.trim(), visibility: visibility.value as CircleVisibility }),
    cancel: options.cancel,
    describe: describeError,
  });
}
