import { applyDraft, clearDraft, differs, fieldsOf, readDraft, writeDraft } from './drafts';

/**
 * Drafts of the set-up forms (`/parametres/…`: donors, programmes, grants, framework, targets,
 * values), kept by the root layout without the pages knowing: plain form posts, so when the
 * browser's request fails (no connection, a cut) nothing typed is lost — the next visit of the
 * page puts it back. A draft goes once the server has taken the form: it answered the post
 * itself without refusing it, or redirected to the same page with an outcome
 * (`?enregistre=…`, `?supprime=1`, `?fait=…`, `?saisie=1`).
 */

/** Query parameters that say what the last post did, not which form is shown. */
const outcomeParams = ['enregistre', 'supprime', 'fait', 'saisie'];

export function setupDraftKey(url: URL, action: string | null, index: number): string {
  const params = new URLSearchParams(url.search);
  for (const name of outcomeParams) params.delete(name);
  // A refused post leaves the page at its action's address (`?/save`): still the same page.
  for (const name of [...params.keys()]) if (name.startsWith('/')) params.delete(name);
  params.sort();
  const query = params.toString();
  return `setup:${url.pathname}${query ? `?${query}` : ''}|${action ?? ''}|${index}`;
}

/** Forms with something typed in them (a delete button alone keeps no draft). */
export function typedForms(root: ParentNode): HTMLFormElement[] {
  return Array.from(root.querySelectorAll<HTMLFormElement>('form')).filter(
    (form) =>
      form.method.toLowerCase() === 'post' &&
      Array.from(form.elements).some(
        (e) =>
          e instanceof HTMLTextAreaElement ||
          (e instanceof HTMLInputElement &&
            !['hidden', 'checkbox', 'radio', 'submit', 'button', 'file', 'reset'].includes(e.type)),
      ),
  );
}

const pendingName = 'jalon:setup-pending';

interface Pending {
  key: string;
  url: string;
}

function session(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

function readPending(): Pending | null {
  try {
    const pending = JSON.parse(session()?.getItem(pendingName) ?? 'null') as Pending | null;
    return pending && typeof pending.key === 'string' ? pending : null;
  } catch {
    return null;
  }
}

/** Whether this page load ended a redirect (a post answered 303). */
function redirected(): boolean {
  const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  return (entry?.redirectCount ?? 0) > 0;
}

/**
 * Keeps the drafts of the page's set-up forms. `answered`: the server answered a post on this
 * page (`ok`, or `refused` and sent the form back as typed), or null. Returns the keys of the
 * drafts put back, and a function that stops keeping them.
 */
export function keepSetupDrafts(
  root: ParentNode,
  url: URL,
  answered: 'ok' | 'refused' | null,
): { restored: string[]; stop: () => void } {
  const pending = readPending();
  if (pending) {
    const taken =
      answered === 'ok' || (answered === null && redirected() && pending.url !== url.href);
    if (taken) clearDraft(pending.key);
    if (taken || answered === 'refused') session()?.removeItem(pendingName);
  }
  const restored: string[] = [];
  const stops: (() => void)[] = [];
  typedForms(root).forEach((form, index) => {
    const key = setupDraftKey(url, form.getAttribute('action'), index);
    const pristine = fieldsOf(form);
    const draft = answered === null ? readDraft(key) : null;
    if (draft && differs(draft.fields, pristine)) {
      applyDraft(form, draft.fields);
      restored.push(key);
    }
    const save = () => {
      const fields = fieldsOf(form);
      if (differs(fields, pristine)) writeDraft(key, fields);
      else clearDraft(key);
    };
    const submit = () => {
      save();
      session()?.setItem(pendingName, JSON.stringify({ key, url: url.href } satisfies Pending));
    };
    form.addEventListener('input', save);
    form.addEventListener('change', save);
    form.addEventListener('submit', submit);
    stops.push(() => {
      form.removeEventListener('input', save);
      form.removeEventListener('change', save);
      form.removeEventListener('submit', submit);
    });
  });
  return { restored, stop: () => stops.forEach((stop) => stop()) };
}

export function discardSetupDrafts(keys: string[]): void {
  for (const key of keys) clearDraft(key);
}
