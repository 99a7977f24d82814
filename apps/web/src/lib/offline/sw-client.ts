import { entryPagesIn } from './sw-rules';

/**
 * The app's side of the service worker (src/service-worker.ts, registered by SvelteKit): once
 * signed in, it asks the worker to keep the entry pages of her language ready for offline use;
 * on the sign-in page, to forget what it kept for the previous account.
 */
async function tell(message: { type: 'warm'; paths: string[] } | { type: 'forget' }) {
  if (!('serviceWorker' in navigator)) return;
  try {
    const registration = await navigator.serviceWorker.ready;
    registration.active?.postMessage(message);
  } catch {
    // No worker (a browser without it, a private window): the app works online as before.
  }
}

export function prepareOffline(locale: string, can: { activity: boolean; incident: boolean }) {
  if (!navigator.onLine) return;
  const paths = entryPagesIn(locale).filter((path) =>
    /activit/.test(path) ? can.activity : can.incident,
  );
  if (paths.length) void tell({ type: 'warm', paths });
}

export function forgetOffline() {
  void tell({ type: 'forget' });
  // The page may run before any worker is ready: the caches are the same from here.
  if (typeof caches !== 'undefined')
    void caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((name) => name.startsWith('jalon-pages-')).map((n) => caches.delete(n)),
        ),
      )
      .catch(() => undefined);
}

/** Whether the browser has a connection, followed as it comes and goes. */
export function watchConnection(set: (online: boolean) => void): () => void {
  const update = () => set(navigator.onLine);
  update();
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  return () => {
    window.removeEventListener('online', update);
    window.removeEventListener('offline', update);
  };
}
