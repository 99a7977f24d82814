import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabaseFlags, runJalon as jalon } from '../testing';
import { must } from '@jalon/domain';

const kinds = await testDatabaseKinds();
const dir = mkdtempSync(join(tmpdir(), 'jalon-cli-open-figures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(kinds)('jalon report states open figures on %s', (kind) => {
  let db: string[];
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const fresh = await freshDatabaseFlags(kind, dir, 'jalon_cli_open');
    drop = fresh.drop;
    db = fresh.flags;
    expect((await jalon(['seed', ...db])).code).toBe('ok');
  }, 60_000);
  afterAll(async () => drop?.());

  it('prints an open actual and its at-least achievement in the JSON', async () => {
    const { lines, code } = await jalon([
      'report',
      '--format',
      'json',
      '--grant',
      'Y-TEAM',
      '--period',
      '2023-Q2',
      ...db,
    ]);
    expect(code).toBe('ok');
    const values = JSON.parse(lines.join('\n')) as {
      indicators: {
        code: string;
        values: {
          period: string;
          actual: { value: number; qualifier: string; atLeast?: boolean } | null;
          actualStated: { fr: string; en: string } | null;
          uncounted: number;
          achievementAtLeast: boolean;
        }[];
      }[];
    };
    const youth = must(
      must(
        values.indicators.find((i) => i.code === 'YTEAM-JEUNES'),
        "values.indicators .find((i) => i.code === 'YTEAM-JEUNES')",
      ).values.find((v) => v.period === '2023-Q2'),
      "values.indicators .find((i) => i.code === 'YTEAM-JEUNES')! .values....",
    );
    // About 50 at the webinar, and a planning meeting nobody counted: about 50 and maybe more.
    expect(youth).toMatchObject({
      actual: { value: 50, qualifier: 'approximate', atLeast: true },
      actualStated: {
        fr: 'au moins environ 50 (1 activité sans décompte)',
        en: 'at least about 50 (1 activity not counted)',
      },
      uncounted: 1,
      achievementAtLeast: true,
    });
  });

  it('writes « au moins 179 » women in the bulletin, with the activities not counted', async () => {
    const { lines } = await jalon(['report', '--format', 'bulletin', '--period', '2023-Q2', ...db]);
    const md = lines.join('\n');
    expect(md).toContain('dont au moins 179 femmes');
    expect(md).toContain('(13 activités sans décompte).');
  });
});
