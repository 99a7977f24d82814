import { findOrganisationByCode, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { must } from '@jalon/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../context';
import { createCaller } from '../router';
import { demoActor } from './test-actors';

const kinds = await testDatabaseKinds();
type Caller = ReturnType<typeof createCaller>;

/**
 * A submitted report prints the grant's results framework with its indicators under their
 * nodes: once a period is locked, a node carrying indicators stays where it was, and an indicator
 * stays under its node (refused in words); a node without indicators still moves.
 */
describe.each(kinds)('framework moves under a submitted report on %s', (kind) => {
  let handle: DatabaseHandle;
  let me: Caller;
  let meEn: Caller;
  let grantId: string;
  const node = async (code: string) =>
    must(
      (await me.grant.byId({ id: grantId })).framework.find((n) => n.code === code),
      code,
    ).id;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    const org = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'WANEP-ML').id;
    const as = async (locale: 'fr' | 'en') =>
      createCaller(
        createContext({
          db: handle.db,
          actor: await demoActor(handle.db, org, 'suivi@wanep-mali.demo'),
          locale,
        }),
      );
    me = await as('fr');
    meEn = await as('en');
    grantId = must(
      (await me.grant.list()).items.find((g) => g.code === 'PROSMED-CCSC'),
      'PROSMED-CCSC',
    ).id;
    const impact = await node('I');
    await me.grant.addNode({
      grantId,
      level: 'outcome',
      parentId: impact,
      code: 'O2',
      title: 'Deux',
      titleEn: 'Two',
    });
    await me.grant.addNode({
      grantId,
      level: 'output',
      parentId: await node('O1'),
      code: 'P1.2',
      title: 'Sans indicateur',
      titleEn: 'No indicator',
    });
  }, 120_000);
  afterAll(async () => handle?.close());

  it('moves a node with indicators while no report is submitted, and back', async () => {
    await me.grant.moveNode({ id: await node('P1.1'), parentId: await node('O2') });
    await me.grant.moveNode({ id: await node('P1.1'), parentId: await node('O1') });
    const framework = (await me.grant.byId({ id: grantId })).framework;
    expect(framework.find((n) => n.code === 'P1.1')?.parentId).toBe(await node('O1'));
  });

  it('once 2023-Q2 is submitted, refuses to move a node carrying indicators, in words', async () => {
    await me.report.submit({
      grant: 'PROSMED-CCSC',
      period: '2023-Q2',
      template: 'undp-quarterly',
    });
    const p11 = await node('P1.1');
    await expect(me.grant.moveNode({ id: p11, parentId: await node('O2') })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message:
        'Déplacement refusé\u202f: la période 2023-Q2 de PROSMED-CCSC est verrouillée par un rapport soumis, qui range CCSC-FEMMES, CCSC-MEMBRES, CCSC-PART-FEMMES, CCSC-SESSIONS sous O1\u202f; les placer sous O2 changerait ce rapport. Rien n’a changé\u202f; un nœud sans indicateur se déplace librement.',
    });
    // the outcome above carries them too
    await expect(meEn.grant.moveNode({ id: await node('O1'), parentId: null })).rejects.toThrow(
      /^Move refused: period 2023-Q2 of PROSMED-CCSC is locked by a submitted report, which ranges CCSC-FEMMES, .* under I; placing them at the top would change that report/,
    );
    expect(
      (await me.grant.byId({ id: grantId })).framework.find((n) => n.id === p11)?.parentId,
    ).toBe(await node('O1'));
  });

  it('still moves a node without indicators', async () => {
    await me.grant.moveNode({ id: await node('P1.2'), parentId: await node('O2') });
    expect(
      (await me.grant.byId({ id: grantId })).framework.find((n) => n.code === 'P1.2')?.parentId,
    ).toBe(await node('O2'));
  });

  it('refuses to place an indicator under another node of the grant, naming the node', async () => {
    const sessions = must(
      (await me.indicator.list({ grantId })).items.find((i) => i.code === 'CCSC-SESSIONS'),
      'CCSC-SESSIONS',
    );
    const { id } = sessions;
    const fields = {
      title: sessions.title,
      titleEn: sessions.titleEn,
      description: sessions.description,
      unit: sessions.unit,
      direction: sessions.direction,
      timeRule: sessions.timeRule,
      subPeriod: sessions.subPeriod,
      cumulative: sessions.cumulative,
      source: sessions.source,
      dimensions: sessions.dimensions,
      sourceOfVerification: sessions.sourceOfVerification,
    };
    await expect(
      me.indicator.update({ id, ...fields, nodeId: await node('P1.2') }),
    ).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: expect.stringContaining('élément du cadre de résultats'),
    });
    // its titles still change
    const renamed = await me.indicator.update({
      id,
      ...fields,
      title: 'Sessions de formation des CCS-C',
      nodeId: await node('P1.1'),
    });
    expect(renamed.title).toBe('Sessions de formation des CCS-C');
  });
});
