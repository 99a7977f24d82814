import { describe, expect, it } from 'vitest';
import { buildFixtureBulletinModel } from '../fixture/fixture-model';
import { bulletinModelSchema } from '../model/bulletin-model';
import { bulletinFigures } from './bulletin-figures';
import { countInWords, numberInWords } from './number-words';
import { renderBulletinHtml, renderBulletinMarkdown } from './render-bulletin';
import { must } from '@jalon/domain';

const model = buildFixtureBulletinModel();

describe('bulletin figures, rendered from the fixture model (the bulletin’s figures as printed)', () => {
  it('rests on a valid bulletin model', () => {
    expect(bulletinModelSchema.safeParse(model).success).toBe(true);
  });

  it('states the period’s totals as the engine computed them, open above where activities were not counted', () => {
    const open = (value: number, uncounted: number) => ({
      value,
      qualifier: 'at-least' as const,
      atLeast: true,
      bounds: { lower: value, upper: null },
      uncounted,
    });
    const withTotals = {
      ...model,
      totals: {
        participants: {
          value: 657,
          qualifier: 'approximate' as const,
          atLeast: true,
          bounds: null,
          uncounted: 13,
        },
        women: open(179, 13),
        youth: open(226, 13),
      },
    };
    expect(bulletinModelSchema.safeParse(withTotals).success).toBe(true);
    expect(renderBulletinMarkdown(withTotals, 'fr')).toContain(
      'Au total, au moins environ 657 participants, dont au moins 179 femmes et au moins 226 jeunes (13 activités sans décompte).',
    );
    expect(renderBulletinHtml(withTotals, 'en')).toContain(
      '<p>In all, at least about 657 participants, of whom at least 179 women and at least 226 young people (13 activities not counted).</p>',
    );
    expect(renderBulletinMarkdown(model, 'fr')).not.toContain('Au total,');
  });

  it('states the model’s figures as the bulletin does, in French', () => {
    const md = renderBulletinMarkdown(model, 'fr');
    expect(md).toContain('## Les chiffres du trimestre — avril–juin 2023');
    expect(md).toContain(
      'Entre avril et juin 2023, le programme a produit et diffusé douze (12) rapports hebdomadaires, trois (3) bulletins mensuels sur la sécurité humaine',
    );
    expect(md).toContain('116 incidents majeurs avec un bilan de 153 morts et 236 blessés');
    expect(md).toContain(
      'Treize (13) formations à Bandiagara, Mopti, San, Ségou, Koutiala, Nara, Nioro du Sahel et Kayes ont réuni plus de 325 participants, dont 78 femmes et 117 jeunes.',
    );
    expect(md).toContain(': 150 participants, dont 97 femmes et 109 jeunes.');
    expect(md).toContain(': 17 participants, dont 4 femmes.');
    expect(md).toContain(': environ 50 participants.');
    // The meeting nobody counted leaves the total open above: about 15, and maybe more.
    expect(md).toContain('au moins environ 15 participants (1 activité sans décompte)');
  });

  it('counts an activity recorded by its breakdown alone, as the engine does', () => {
    const first = must(model.activities[0], 'model.activities[0]');
    const only = (participants: (typeof first)['participants']) => ({
      ...model,
      activities: [{ ...first, participants }],
    });
    // « 30 femmes et 20 hommes », no total written: 50 participants, not an uncounted activity.
    const md = renderBulletinMarkdown(
      only({
        total: null,
        cells: [
          { key: { sex: 'female' }, value: 30, qualifier: 'exact' },
          { key: { sex: 'male' }, value: 20, qualifier: 'exact' },
        ],
      }),
      'fr',
    );
    expect(md).toContain(': 50 participants, dont 30 femmes');
    expect(md).not.toContain('sans décompte');
    // Nothing recorded at all: no phrase, never « 0 participants ».
    expect(renderBulletinMarkdown(only({ total: null, cells: [] }), 'fr')).not.toMatch(
      /\b0 participants/,
    );
  });

  it('reads an uncounted activity from its named people, as the engine does; a recorded count wins', () => {
    const first = must(model.activities[0], 'model.activities[0]');
    const named = {
      total: { value: 12, qualifier: 'exact' as const },
      cells: [
        { key: { sex: 'female' }, value: 7, qualifier: 'exact' as const },
        { key: { sex: 'male' }, value: 5, qualifier: 'exact' as const },
      ],
    };
    const with_ = (participants: (typeof first)['participants']) =>
      renderBulletinMarkdown(
        { ...model, activities: [{ ...first, participants, namedParticipants: named }] },
        'fr',
      );
    // Nobody counted them, twelve were named: « 12 participants, dont 7 femmes ».
    const md = with_({ total: null, cells: [] });
    expect(md).toContain(': 12 participants, dont 7 femmes');
    expect(md).not.toContain('sans décompte');
    // A count was recorded: it is what the engine reads, whatever the list holds.
    expect(with_({ total: { value: 40, qualifier: 'approximate' }, cells: [] })).toContain(
      ': environ 40 participants',
    );
  });

  it('says a series as its sessions and a span as a span, never inventing a day', () => {
    const ccsc = model.activities
      .filter((a) => a.programmeCode === must(model.programmes[0], 'model.programmes[0]').code)
      .slice(0, 1);
    const series = {
      ...model,
      activities: [
        {
          ...must(ccsc[0], 'ccsc[0]'),
          date: '2023-04-01',
          endDate: '2023-06-30',
          sessions: 13,
          type: 'training',
          typeLabel: { fr: 'Formation', en: 'Training' },
          title: 'Sessions CCS-C',
          programmeCode: must(model.programmes[0], 'model.programmes[0]').code,
        },
      ],
    };
    const fr = bulletinFigures(series, 'fr')
      .programmes.flatMap((p) => p.sentences)
      .join('\n');
    expect(fr).toContain(
      'Du 1er avril 2023 au 30 juin 2023, treize (13) sessions de formation «\u202fSessions CCS-C\u202f»',
    );
    const en = bulletinFigures(series, 'en')
      .programmes.flatMap((p) => p.sentences)
      .join('\n');
    expect(en).toContain('thirteen (13) training sessions "Sessions CCS-C"');
  });

  it('speaks English too', () => {
    const md = renderBulletinMarkdown(model, 'en');
    expect(md).toContain(
      'Between April and June 2023, the programme produced and circulated twelve (12) weekly reports',
    );
    expect(md).toContain('116 major incidents, with 153 dead and 236 injured');
    expect(md).toContain('more than 325 participants, of whom 78 women and 117 young people');
  });

  it('follows the model, not the seed: change a count and the sentence changes', () => {
    const changed = structuredClone(model);
    const news = changed.incidents[0];
    if (news) news.total.deaths = 154;
    expect(renderBulletinMarkdown(changed, 'fr')).toContain('bilan de 154 morts');
  });

  it('renders escaped HTML with the same sentences', () => {
    const html = renderBulletinHtml(model, 'fr');
    expect(html).toMatch(/^<section class="bulletin-figures" lang="fr">/);
    expect(html).toContain('<h3>Gouvernance sécuritaire et relation État-citoyens (CCS-C)</h3>');
    const figures = bulletinFigures(model, 'fr');
    expect((html.match(/<li>/g) ?? []).length).toBe(
      figures.programmes.reduce((n, p) => n + p.sentences.length, 0),
    );
    expect(html).not.toContain('«\u202fCauserie-débat <');
  });

  it('writes counts in words as the bulletin does', () => {
    expect(countInWords(13, 'fr')).toBe('treize (13)');
    // One style for every count of things, one included, agreeing in French with its noun.
    expect(countInWords(1, 'fr')).toBe('un (1)');
    expect(countInWords(1, 'fr', 'feminine')).toBe('une (1)');
    expect(countInWords(21, 'fr', 'feminine')).toBe('vingt et une (21)');
    expect(countInWords(81, 'fr', 'feminine')).toBe('quatre-vingt-une (81)');
    expect(countInWords(71, 'fr', 'feminine')).toBe('soixante et onze (71)');
    expect(countInWords(1, 'en')).toBe('one (1)');
    expect(countInWords(116, 'fr')).toBe('116');
    expect(numberInWords(71, 'fr')).toBe('soixante et onze');
    expect(numberInWords(80, 'fr')).toBe('quatre-vingts');
    expect(numberInWords(97, 'fr')).toBe('quatre-vingt-dix-sept');
    expect(numberInWords(21, 'fr')).toBe('vingt et un');
    expect(numberInWords(17, 'fr')).toBe('dix-sept');
    expect(numberInWords(42, 'en')).toBe('forty-two');
    expect(numberInWords(150, 'fr')).toBe('150');
  });

  it('writes every count of products in one style: « une (1) note bimensuelle » beside « trois (3) »', () => {
    const changed = structuredClone(model);
    const d = must(changed.deliverables[0], 'changed.deliverables[0]');
    changed.deliverables.push({
      ...d,
      type: 'bimonthly-note',
      label: {
        fr: { one: 'note bimensuelle', other: 'notes bimensuelles' },
        en: { one: 'bimonthly note', other: 'bimonthly notes' },
      },
      count: 1,
    });
    const fr = renderBulletinMarkdown(changed, 'fr');
    expect(fr).toContain('et une (1) note bimensuelle.');
    expect(fr).not.toMatch(/[^(]\b1 note/);
    expect(renderBulletinMarkdown(changed, 'en')).toContain('and one (1) bimonthly note.');
  });

  it('says places only from recorded places: two studies, one in Bamako, are not « deux recherches à Bamako »', () => {
    const base = must(model.activities[0], 'model.activities[0]');
    const study = (id: string, places: string[]) => ({
      ...base,
      id,
      title: `Étude ${id}`,
      type: 'research',
      typeLabel: { fr: 'Recherche', en: 'Research' },
      places,
      participants: { total: null, cells: [] },
    });
    const changed = {
      ...model,
      activities: [study('a', ['Bamako']), study('b', [])],
    };
    const fr = bulletinFigures(changed, 'fr').programmes.flatMap((p) => p.sentences);
    expect(fr).toContain(
      'Deux (2) recherches (lieu renseigné pour une (1) sur deux (2) : Bamako).',
    );
    expect(fr.join(' ')).not.toContain('recherches à Bamako');
    const en = bulletinFigures(changed, 'en').programmes.flatMap((p) => p.sentences);
    expect(en).toContain(
      'Two (2) research projects (place recorded for one (1) of two (2): Bamako).',
    );
    const both = { ...model, activities: [study('a', ['Bamako']), study('b', ['Bamako'])] };
    expect(bulletinFigures(both, 'fr').programmes.flatMap((p) => p.sentences)).toContain(
      'Deux (2) recherches à Bamako.',
    );
  });

  it('names the period’s kind in the title: a month is not « du trimestre »', () => {
    const month = {
      ...model,
      period: {
        ...model.period,
        code: '2023-05',
        kind: 'month' as const,
        start: '2023-05-01',
        end: '2023-05-31',
        label: { fr: 'mai 2023', en: 'May 2023' },
      },
    };
    expect(bulletinFigures(month, 'fr').title).toBe('Les chiffres du mois — mai 2023');
    expect(bulletinFigures(month, 'en').title).toBe('The month in figures — May 2023');
    expect(bulletinFigures(model, 'fr').title).toBe('Les chiffres du trimestre — avril–juin 2023');
  });

  it('states a programme’s start and countries, and the institutional index, from their fields', () => {
    const changed = structuredClone(model);
    const p = must(changed.programmes[0], 'changed.programmes[0]');
    p.sinceYear = 2011;
    changed.assessment = {
      framework: 'WODI',
      label: { fr: 'Indice WODI', en: 'WODI index' },
      cycle: 2022,
      index: 86.85,
      rank: 3,
      of: 7,
    };
    const fr = bulletinFigures(changed, 'fr');
    expect(must(fr.programmes[0], 'fr.programmes[0]').sentences[0]).toBe(
      'Programme opérationnel depuis 2011.',
    );
    expect(fr.assessment).toMatch(/^Indice WODI : 86,85\s%\s?\(évaluation 2022\), 3e sur 7\.$/u);
    p.countries = [
      { code: 'ML', name: { fr: 'Mali', en: 'Mali' } },
      { code: 'NE', name: { fr: 'Niger', en: 'Niger' } },
    ];
    expect(
      must(
        bulletinFigures(changed, 'en').programmes[0],
        "bulletinFigures(changed, 'en').programmes[0]",
      ).sentences[0],
    ).toBe('Programme running in two (2) countries since 2011: Mali and Niger.');
    expect(renderBulletinMarkdown(changed, 'en')).toContain(
      'WODI index: 86.85% (2022 assessment), ranked 3 of 7.',
    );
    // Without the fields, nothing is said.
    expect(bulletinFigures(model, 'fr').assessment).toBeUndefined();
  });
});
