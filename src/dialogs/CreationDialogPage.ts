import { escapeHtml } from '../http/html/Html.js';
import { XSD } from '../rdf/namespaces.js';
import type { ResourceTypeShape } from '../shapes/ResourceShape.js';
import type { FieldOption, FormField } from './DialogFields.js';
import { dialogDocument } from './DialogPage.js';
import type { FormValues } from './FormValues.js';

export interface CreationDialogOptions {
  base: string;
  providerTitle: string;
  shape: ResourceTypeShape;
  fields: FormField[];
  submitUrl: string;
  /** The selection dialog that picks a value for a reference field. */
  pickerUrl: (field: FormField) => string;
  allowedOrigins: string[];
  /** Values a client posted to prefill the form, and labels of the resources they link. */
  prefill?: { values: FormValues; labels: Record<string, string> };
}

/**
 * Renders a creation dialog from a resource shape: one control per writable property, required
 * fields marked, and room under each field for the messages of the shape validation. `dialog.js`
 * submits the form and returns the new resource like a selection dialog returns its choice.
 */
export function creationDialogPage(options: CreationDialogOptions): string {
  const title = `Create ${options.shape.title}`;
  const body = `<main class="creation" aria-labelledby="dialog-title">
<h1 id="dialog-title">${escapeHtml(title)} <span class="context">${escapeHtml(options.providerTitle)}</span></h1>
<p id="protocol-error" class="error-banner" role="alert" hidden></p>
<p id="form-notice" class="notice-banner" role="status" tabindex="-1" hidden></p>
<form id="creation-form" novalidate>
<p class="muted">Fields marked <span class="required" aria-hidden="true">*</span><span class="visually-hidden">with an asterisk</span> are required.</p>
<div id="form-errors" class="error-banner" role="alert" tabindex="-1" hidden></div>
<div class="fields">
${options.fields.map((field) => renderField(field, options.pickerUrl(field))).join('\n')}
</div>
<footer class="actions"><button type="button" id="cancel" class="secondary">Cancel</button><button type="submit" id="create" class="primary">Create</button></footer>
</form>
</main>
<div id="picker" class="picker" role="dialog" aria-modal="true" aria-label="Choose a resource" hidden><div class="picker-frame"><iframe id="picker-frame" title="Choose a resource"></iframe></div></div>`;

  return dialogDocument({
    title,
    base: options.base,
    body,
    config: {
      kind: 'creation',
      submitUrl: options.submitUrl,
      allowedOrigins: options.allowedOrigins,
      fields: options.fields.map((field) => ({ name: field.name, control: field.control, multiple: field.multiple })),
      prefill: options.prefill ?? { values: {}, labels: {} },
    },
  });
}

function renderField(field: FormField, pickerUrl: string): string {
  const id = `field-${field.name}`;
  const describedBy = [field.description === undefined ? undefined : `hint-${field.name}`, `error-${field.name}`].filter((part) => part !== undefined).join(' ');
  const common = `id="${id}" name="${escapeHtml(field.name)}" aria-describedby="${describedBy}"${field.required ? ' aria-required="true"' : ''}`;
  const marker = field.required ? ' <span class="required" aria-hidden="true">*</span>' : '';
  const hint = field.description === undefined ? '' : `<p class="hint" id="hint-${escapeHtml(field.name)}">${escapeHtml(field.description)}${field.multiple && isLineList(field) ? ' One value per line.' : ''}</p>`;
  const error = `<p class="field-error" id="error-${escapeHtml(field.name)}" hidden></p>`;

  // A group of checkboxes or a picker is labelled by a legend; single controls by a label.
  if ((field.control === 'select' && field.multiple) || field.control === 'reference') {
    const inner = field.control === 'reference' ? referenceControl(field, pickerUrl, describedBy) : checkboxGroup(field);
    return `<fieldset class="field" data-field="${escapeHtml(field.name)}"><legend>${escapeHtml(field.title)}${marker}</legend>${hint}${inner}${error}</fieldset>`;
  }
  return `<div class="field" data-field="${escapeHtml(field.name)}"><label for="${id}">${escapeHtml(field.title)}${marker}</label>${hint}${control(field, common)}${error}</div>`;
}

function control(field: FormField, common: string): string {
  const maxLength = field.maxLength === undefined ? '' : ` maxlength="${field.maxLength}"`;
  switch (field.control) {
    case 'select':
      return `<select ${common}><option value="">Choose…</option>${field.options.map((option) => `<option value="${escapeHtml(option.value)}">${escapeHtml(option.label)}</option>`).join('')}</select>`;
    case 'number': {
      const step = field.datatype === XSD('integer') ? '1' : 'any';
      const minimum = field.minimum === undefined ? '' : ` min="${escapeHtml(field.minimum)}"`;
      const unit = field.unit === undefined ? '' : `<span class="unit">${escapeHtml(field.unit)}</span>`;
      return `<span class="with-unit"><input type="number" inputmode="decimal" step="${step}"${minimum} ${common}>${unit}</span>`;
    }
    case 'datetime':
      return `<input type="datetime-local" ${common}>`;
    case 'date':
      return `<input type="date" ${common}>`;
    case 'checkbox':
      return `<input type="checkbox" value="true" ${common}>`;
    case 'iri':
      return field.multiple ? `<textarea rows="2" ${common}></textarea>` : `<input type="url" placeholder="https://…" ${common}>`;
    case 'textarea':
      return `<textarea rows="${field.multiple ? 2 : 3}"${maxLength} ${common}></textarea>`;
    default:
      return field.multiple ? `<textarea rows="2" ${common}></textarea>` : `<input type="text"${maxLength} ${common}>`;
  }
}

/** Fields whose several values are typed one per line in a text area. */
function isLineList(field: FormField): boolean {
  return field.control === 'text' || field.control === 'iri' || field.control === 'textarea';
}

/**
 * Renders the options of a multi-valued enumeration as checkboxes. Grouped options (objectives by
 * standard and table) go into collapsed sections, so a list of a hundred choices stays scannable.
 */
function checkboxGroup(field: FormField): string {
  const choice = (option: FieldOption, index: number): string =>
    `<label class="choice"><input type="checkbox" name="${escapeHtml(field.name)}" id="field-${escapeHtml(field.name)}-${index}" value="${escapeHtml(option.value)}">${escapeHtml(option.label)}</label>`;
  if (field.options.every((option) => option.group === undefined)) {
    return `<div class="choices">${field.options.map(choice).join('')}</div>`;
  }

  const groups = new Map<string, string[]>();
  field.options.forEach((option, index) => {
    const heading = option.group ?? 'Other';
    groups.set(heading, [...(groups.get(heading) ?? []), choice(option, index)]);
  });
  return [...groups]
    .map(([heading, choices]) => `<details class="choice-group"><summary>${escapeHtml(heading)} <span class="muted">(${choices.length})</span></summary><div class="choices">${choices.join('')}</div></details>`)
    .join('');
}

/**
 * Renders a link field: the chosen resources as removable chips, a button that opens this server's
 * selection dialog for the target type, and a box for pasting a link to another tool's resource.
 */
function referenceControl(field: FormField, pickerUrl: string, describedBy: string): string {
  const name = escapeHtml(field.name);
  return `<div class="reference" data-picker="${escapeHtml(pickerUrl)}" data-multiple="${field.multiple}">
<ul class="chips" id="chips-${name}" aria-label="Chosen ${escapeHtml(field.title)}"></ul>
<div class="reference-actions"><button type="button" class="secondary pick" id="field-${name}" aria-describedby="${describedBy}">Choose…</button>
<label class="visually-hidden" for="link-${name}">Link to ${escapeHtml(field.title)} by IRI</label><input type="url" id="link-${name}" class="link-input" placeholder="or paste a link (https://…)"><button type="button" class="secondary add-link">Add link</button></div>
</div>`;
}
