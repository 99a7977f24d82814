import { tick } from 'svelte';
import type { EntryWarning } from '$lib/entry-warnings';
import type { Theirs } from './conflict';
import { clearDraft } from './drafts';
import { keepBothAsNew, type KeepBoth } from './keep-both';

/**
 * An edit overtaken by someone else's save (or typed on this device at an older version), shown
 * beside the server's record until she chooses: keep mine (sent again at the server's version),
 * take theirs (what was typed is dropped), or keep both (mine becomes a new record). The one rule
 * for every form that corrects a versioned record — the activity and the incident forms.
 */
export class EditConflict<Values> {
  /** The server's record now, shown beside what was typed; null when there is no conflict. */
  theirs = $state<Theirs<Values> | null>(null);
  /** The version the next save is sent at (the server's, once « Garder ma version » is chosen). */
  version = $state<number | null>(null);
  /** « Keep both » warned of (a probable duplicate): the new copy waits for her confirmation. */
  bothWarned = $state<{ warnings: EntryWarning[]; clientId: string } | null>(null);
  /** The comparison's section, focused when a conflict is shown. */
  box = $state<HTMLElement | undefined>();

  constructor(
    private readonly draftKey: string,
    private readonly kind: 'activity' | 'incident',
    start: { theirs: Theirs<Values> | null; version: number | null },
  ) {
    this.theirs = start.theirs;
    this.version = start.version;
  }

  /**
   * On opening: a draft typed here at another version than the one read means the record has
   * changed since. Both are shown, and the next save goes at the draft's version until she
   * chooses; a draft the server already holds (sent from the outbox meanwhile) is no conflict
   * and is dropped. True when a conflict is shown.
   */
  fromDraft(
    typed: Values,
    now: Values,
    read: number | null,
    draftVersion: number | null,
    differs: (typed: Values, now: Values) => boolean,
  ): boolean {
    if (read === null || draftVersion === null || draftVersion === read) return false;
    if (!differs(typed, now)) {
      clearDraft(this.draftKey);
      return false;
    }
    this.theirs = { version: read, values: now, locked: false };
    this.version = draftVersion;
    return true;
  }

  /** A new save is tried: the comparison and its warning go (the answer may bring them back). */
  reset(): void {
    this.theirs = null;
    this.bothWarned = null;
  }

  /** The comparison takes the focus, at the top of the screen. */
  async focus(): Promise<void> {
    await tick();
    this.box?.focus();
    this.box?.scrollIntoView({ block: 'start' });
  }

  /** Mine, sent again over the server's version (its changes to other fields are replaced). */
  async keepMine(form: HTMLFormElement | undefined): Promise<void> {
    if (!this.theirs) return;
    this.version = this.theirs.version;
    this.theirs = null;
    await tick();
    form?.requestSubmit();
  }

  /**
   * The server's record, to put in the form; what was typed is dropped (the choice was made).
   * Null when there is no conflict.
   */
  takeTheirs(): Values | null {
    const theirs = this.theirs;
    if (!theirs) return null;
    this.version = theirs.version;
    this.theirs = null;
    clearDraft(this.draftKey);
    return structuredClone($state.snapshot(theirs.values)) as Values;
  }

  /**
   * Mine as a new record, the server's left as it is. Warned before the create (a probable
   * duplicate), the warning waits in `bothWarned` and « save anyway » calls this again with its
   * client id; created or queued, the edit's draft and the comparison go; refused, the comparison
   * goes and the form says why.
   */
  async keepBoth(
    form: HTMLFormElement | undefined,
    label: string,
    confirmed: { clientId: string } | null = null,
  ): Promise<KeepBoth | null> {
    if (!this.theirs || !form) return null;
    const outcome = await keepBothAsNew(form, label, this.draftKey, this.kind, confirmed);
    this.bothWarned = null;
    if (outcome.kind === 'warned') {
      this.bothWarned = { warnings: outcome.warnings, clientId: outcome.clientId };
      return outcome;
    }
    // Refused, the form shows why (the comparison would hide its summary); kept, the draft goes.
    if (outcome.kind !== 'refused') clearDraft(this.draftKey);
    this.theirs = null;
    return outcome;
  }
}
