import { h } from "../dom";
import { t } from "../i18n";

// The labelled inputs the workspace's forms share, and the error line under them.

let nextId = 0;

/** A label above its control, tied by id so screen readers read them together. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || `field-${++nextId}`;
  control.id = id;
  const hintId = hint ? `${id}-hint` : undefined;
  if (hintId) control.setAttribute("aria-describedby", hintId);
  return h("div", { class: "field" }, h("label", { class: "field__label", for: id }, label), control,
    hint ? h("p", { class: "field__hint", id: hintId }, hint) : null);
}

export function textInput(attrs: { name: string; value?: string; maxlength: number; required?: boolean; testid?: string }): HTMLInputElement {
  const input = h("input", { class: "input", type: "text", name: attrs.name, maxlength: attrs.maxlength, required: attrs.required, testid: attrs.testid });
  input.value = attrs.value ?? "";
  return input;
}

export function textArea(attrs: { name: string; value?: string; maxlength: number; testid?: string }): HTMLTextAreaElement {
  const area = h("textarea", { class: "input", name: attrs.name, rows: 3, maxlength: attrs.maxlength, testid: attrs.testid });
  area.value = attrs.value ?? "";
  return area;
}

/** A form whose submit runs `submit`, with its button disabled meanwhile and a refusal shown under it. */
export function asyncForm(options: {
  testid: string;
  fields: HTMLElement[];
  submitLabel: string;
  submit(): Promise<void>;
  cancel?(): void;
  describe(error: unknown): string;
}): HTMLFormElement {
  const error = h("p", { class: "form__error", role: "alert", hidden: true });
  const button = h("button", { class: "button button--primary", type: "submit", testid: `${options.testid}-submit` }, options.submitLabel);
  const form = h("form", { class: "form", testid: options.testid }, ...options.fields, error,
    h("div", { class: "form__actions" },
      options.cancel ? h("button", { class: "button button--quiet", type: "button", onclick: () => options.cancel?.() }, t("forms:cancel")) : null,
      button));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    error.hidden = true;
    button.disabled = true;
    options.submit().catch((refusal: unknown) => {
      error.hidden = false;
      error.textContent = options.describe(refusal);
    }).finally(() => { button.disabled = false; });
  });
  return form;
}
