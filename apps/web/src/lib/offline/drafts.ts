/**
 * Drafts of the entry forms, kept on this device (localStorage) as they are typed, until the save
 * succeeds or the draft is discarded: a reload, a closed tab or a flat battery loses nothing.
 * A draft is the form's fields as posted (`[name, value]` pairs), put back into the same form.
 */
export interface Draft {
  fields: [string, string][];
  savedAt: string;
}

const prefix = 'jalon:draft:';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The form's fields as it would post them (files are not kept). */
export function fieldsOf(form: HTMLFormElement | FormData): [string, string][] {
  const data = form instanceof FormData ? form : new FormData(form);
  const fields: [string, string][] = [];
  for (const [name, value] of data) if (typeof value === 'string') fields.push([name, value]);
  return fields;
}

export function readDraft(key: string): Draft | null {
  const text = storage()?.getItem(prefix + key);
  if (!text) return null;
  try {
    const draft = JSON.parse(text) as Draft;
    return Array.isArray(draft.fields) ? draft : null;
  } catch {
    return null;
  }
}

export function writeDraft(key: string, fields: [string, string][]): void {
  try {
    storage()?.setItem(prefix + key, JSON.stringify({ fields, savedAt: new Date().toISOString() }));
  } catch {
    // A full or forbidden storage: the form still works, only the draft is not kept.
  }
}

export function clearDraft(key: string): void {
  storage()?.removeItem(prefix + key);
}

/**
 * Where the drafts that name people are kept (the named-participants lists, one per activity):
 * personal data, dropped when the officer signs out (`clearPersonalDrafts`).
 */
export const personalDraftPrefix = 'attendance:';

/** Drops the drafts that name people: signing out leaves none of them on the device. */
export function clearPersonalDrafts(): void {
  const store = storage();
  if (!store) return;
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(prefix + personalDraftPrefix)) keys.push(key);
  }
  for (const key of keys) store.removeItem(key);
}

/** Whether the typed fields differ from the form as it was first shown (a draft worth keeping). */
export function differs(a: [string, string][], b: [string, string][]): boolean {
  const text = (fields: [string, string][]) =>
    JSON.stringify(fields.filter(([name]) => name !== 'clientRequestId'));
  return text(a) !== text(b);
}

/**
 * Puts a draft's fields back into a form, as if typed: text boxes, selects and check boxes get
 * their values and fire `input`/`change`, so that the page's own state (bindings, live checks)
 * follows. Hidden fields are the page's own (a version read, the client id it takes from the
 * draft itself) and stay.
 */
export function applyDraft(form: HTMLFormElement, fields: [string, string][]): void {
  const values = new Map<string, string[]>();
  for (const [name, value] of fields) values.set(name, [...(values.get(name) ?? []), value]);
  const seen = new Map<string, number>();
  for (const element of Array.from(form.elements)) {
    if (
      !(element instanceof HTMLInputElement) &&
      !(element instanceof HTMLSelectElement) &&
      !(element instanceof HTMLTextAreaElement)
    )
      continue;
    const name = element.name;
    if (!name) continue;
    const given = values.get(name) ?? [];
    if (
      element instanceof HTMLInputElement &&
      (element.type === 'checkbox' || element.type === 'radio')
    ) {
      const checked = given.includes(element.value);
      if (element.checked !== checked) {
        element.checked = checked;
        element.dispatchEvent(new Event('change', { bubbles: true }));
      }
      continue;
    }
    if (element instanceof HTMLInputElement && element.type === 'hidden') continue;
    const index = seen.get(name) ?? 0;
    seen.set(name, index + 1);
    const value = given[index] ?? '';
    if (element.value === value) continue;
    element.value = value;
    element.dispatchEvent(
      new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }),
    );
  }
}
