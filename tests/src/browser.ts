import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { testDatabaseKinds } from '@jalon/db/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from './server';

/**
 * What every browser suite needs: Debian's Chromium (`apt-get install chromium`), never a
 * downloaded one, and the built web app. Without Chromium a suite fails in CI (or with
 * JALON_REQUIRE_BROWSER) and is skipped, loudly, elsewhere.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const browserRequired = Boolean(process.env.CI || process.env.JALON_REQUIRE_BROWSER);
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
export async function frenchPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { page, errors };
}
