/**
 * The environment the cross-package suites run in, read once here: where Chromium is, whether
 * the browser suites are required (CI), and what a server started for a suite inherits.
 */
export const testEnv = {
  chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  browserRequired: Boolean(process.env.CI || process.env.JALON_REQUIRE_BROWSER),
  /** Passed on to `jalon start`, with the suite's own database and port on top. */
  inherited: process.env,
};
