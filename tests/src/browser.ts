import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { testDatabaseKinds } from '@jalon/db/testing';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { testEnv } from './env';
import { repoRoot, startJalon, type RunningJalon } from './server';

/**
 * What every browser suite needs: Debian's Chromium (`apt-get install chromium`), never a
 * downloaded one, and the built web app. Without Chromium a suite fails in CI (or with
 * JALON_REQUIRE_BROWSER) and is skipped, loudly, elsewhere.
 */
export const chromiumPath = testEnv.chromiumPath;
const browserRequired = testEnv.browserRequired;
export const hasBrowser = existsSync(chromiumPath);
if (!hasBrowser) {
  const why = `Chromium not found at ${chromiumPath} (install Debian's \`chromium\` or set CHROMIUM_PATH)`;
  if (browserRequired) throw new Error(`${why}: the browser tests are required here.`);
  console.warn(`\n⚠ ${why}: browser tests are SKIPPED.\n`);
}

const webHandler = `${repoRoot}apps/web/build/handler.js`;
if (hasBrowser && !existsSync(webHandler)) {
  throw new Error(
    `The web app is not built (${webHandler}): run \`pnpm --filter @jalon/web build\`.`,
  );
}

/** Browser suites run against a scratch database on the PostgreSQL test server (startJalon). */
export const browserSuiteCanRun = hasBrowser && (await testDatabaseKinds()).includes('postgres');

/** Where screenshots go (gitignored): one per journey. */
export const artifacts = fileURLToPath(new URL('../test-artifacts/', import.meta.url));

/** Headless Chromium with the flags this closed network needs. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(artifacts, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A French desktop page whose errors are collected: hydration and client-side navigation must
 * not throw, even when the page looks right.
 */
export async function frenchPage(
  browser: Browser,
  /** Jalon's address: the page is then signed in as `email` (the M&E officer by default) */
  signInAt?: string,
  email: string = demoAccounts.meOfficer,
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  if (signInAt) await signIn(page, signInAt, email);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { page, errors };
}

/** Waits until the page's scripts have taken over (the root layout marks `<html data-hydrated>`). */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
}

/** The demo accounts of the seed (password `jalon-demo-2023`), one per role. */
export const demoAccounts = {
  admin: 'admin@wanep-mali.demo',
  meOfficer: 'suivi@wanep-mali.demo',
  programmeOfficer: 'programme@wanep-mali.demo',
  manager: 'direction@wanep-mali.demo',
  donor: 'pnud@wanep-mali.demo',
} as const;

/**
 * Signs the page's browser context in through the API, as the sign-in page does (the session
 * cookie lands in the context, so every page of it is signed in). The sign-in page itself is
 * tested in sign-in.test.ts.
 */
export async function signIn(
  page: Page,
  baseUrl: string,
  email: string = demoAccounts.meOfficer,
): Promise<void> {
  const res = await page.context().request.post(`${baseUrl}/api/auth/login`, {
    data: { email, password: 'jalon-demo-2023' },
    headers: { origin: baseUrl },
  });
  if (!res.ok()) throw new Error(`sign-in of ${email} failed: ${res.status()} ${await res.text()}`);
}

/** What a browser suite works with, once its `beforeAll` has run. */
export interface ChromiumSuite {
  /** The real server, on a scratch database with the demo data. */
  readonly jalon: RunningJalon;
  readonly browser: Browser;
  /** A French desktop page, signed in unless the suite asked otherwise. */
  readonly page: Page;
  /**
   * What `page` threw or logged as an error during the current test; checked to be empty after
   * each test (a test that expects an error checks it and empties the list).
   */
  readonly pageErrors: string[];
}

/**
 * The start and end of every browser suite, registered on the calling `describe`: the server and
 * Chromium start side by side, the page is opened (signed in as `signInAs`, the M&E officer by
 * default; `null` for a page that is not signed in), and both are stopped after the last test.
 * Read the members inside tests and hooks, not while the suite is being declared.
 */
export function chromiumSuite(options: { signInAs?: string | null } = {}): ChromiumSuite {
  const { signInAs = demoAccounts.meOfficer } = options;
  let started: { jalon: RunningJalon; browser: Browser; page: Page; pageErrors: string[] } | null =
    null;
  let jalon: RunningJalon | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    // Side by side; whichever started is stopped by afterAll even if the other failed.
    const [server, chromium] = await Promise.allSettled([startJalon(), launchChromium()]);
    if (server.status === 'fulfilled') jalon = server.value;
    if (chromium.status === 'fulfilled') browser = chromium.value;
    if (server.status === 'rejected') throw server.reason;
    if (chromium.status === 'rejected') throw chromium.reason;
    const { page, errors } =
      signInAs === null
        ? await frenchPage(chromium.value)
        : await frenchPage(chromium.value, server.value.url, signInAs);
    started = { jalon: server.value, browser: chromium.value, page, pageErrors: errors };
  });

  // Hydration and client-side navigation must not throw, even when the page looks right: each
  // test answers for the errors of its own steps (one that expects an error empties the list).
  afterEach(() => {
    if (!started) return;
    const errors = started.pageErrors.splice(0);
    expect(errors, 'errors thrown or logged in the page during this test').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await jalon?.stop();
  });

  const get = <K extends keyof ChromiumSuite>(key: K): ChromiumSuite[K] => {
    if (!started) throw new Error(`chromiumSuite().${key} is read before the suite has started`);
    return started[key];
  };
  return {
    get jalon() {
      return get('jalon');
    },
    get browser() {
      return get('browser');
    },
    get page() {
      return get('page');
    },
    get pageErrors() {
      return get('pageErrors');
    },
  };
}

/**
 * Opens a demo activity of Q2 2023 from the activities list, by its title, as a user would;
 * returns the activity's address.
 */
export async function openActivityFromList(
  page: Page,
  baseUrl: string,
  title: string,
): Promise<string> {
  await page.goto(`${baseUrl}/activites?period=2023-Q2`);
  await page
    .getByRole('row')
    .filter({ hasText: title })
    .getByRole('link', { name: 'Voir la fiche' })
    .click();
  await page.waitForURL(/\/activites\/[0-9a-f-]{36}$/);
  return page.url();
}

/**
 * Records a new activity of the CCS-C programme from the French entry page, as an officer would
 * (20 participants, a training on 6 May 2024); returns the new activity's path.
 */
export async function recordActivity(page: Page, baseUrl: string, title: string): Promise<string> {
  await page.goto(`${baseUrl}/activites/nouvelle`);
  await waitForHydration(page);
  await page.getByLabel('Intitulé de l’activité').fill(title);
  await page.getByLabel('Type d’activité').selectOption('training');
  await page.getByLabel('Programme', { exact: true }).selectOption({
    label: 'Renforcement de capacité institutionnelle et relation État-citoyens (CCS-C)',
  });
  await page.getByLabel('Date de début').fill('2024-05-06');
  await page.getByLabel('Participants au total', { exact: true }).fill('20');
  await page.getByRole('button', { name: 'Enregistrer l’activité' }).click();
  await page.waitForURL(/\/activites\/[0-9a-f-]{36}/);
  return new URL(page.url()).pathname;
}

/** A phone (390 px, touch), nobody signed in: the device a suite starts from. */
export async function phoneContext(
  browser: Browser,
  locale: 'fr-FR' | 'en-GB' = 'fr-FR',
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    locale,
    isMobile: true,
    hasTouch: true,
  });
}

/**
 * A phone (390 px, touch) signed in as `email`, its session kept by the context: the offline,
 * conflict, phone and correction suites open their pages in it.
 */
export async function signedInPhone(
  browser: Browser,
  baseUrl: string,
  email: string,
  locale: 'fr-FR' | 'en-GB' = 'fr-FR',
): Promise<BrowserContext> {
  const context = await phoneContext(browser, locale);
  const first = await context.newPage();
  await signIn(first, baseUrl, email);
  await first.close();
  return context;
}
