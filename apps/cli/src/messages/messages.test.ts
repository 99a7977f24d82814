import { LOCALES } from '@jalon/domain';
import { messageTableFaults, said } from '@jalon/domain/test-support/messages';
import { describe, expect, it } from 'vitest';
import { cliMessages, cliSays, type CliMessages } from './index';

const NNBSP = '\u202f';

/** Each message said with sample parameters of the right kinds. */
const samples: { [K in keyof CliMessages]: Parameters<CliMessages[K]> } = {
  'import-dry-run-and-commit': [],
  'import-valid-only-alone': [],
  'profile-unreadable': ['p.json', 'ENOENT'],
  'profile-invalid-json': ['p.json', 'Unexpected token'],
  'profile-refused': ['p.json', '  kind: expected activities'],
  'profile-other-kind': ['incidents', 'activities'],
  'file-missing': [],
  'kobo-and-file': [],
  'kobo-asset-missing': [],
  'kobo-url-invalid': ['kobo.example'],
  'kobo-token-missing': [],
  'kobo-profile-not-kobo': [],
  'kobo-pulling': ['aJalon23', 'https://kf.kobotoolbox.org'],
  'kobo-pulled': [3, 2, '2023-05-20T09:15:00'],
  'kobo-from-stored': ['2023-05-20T09:15:00'],
  'kobo-watermark-stored': ['2023-05-20T09:15:00'],
  'kobo-watermark-kept': ['2023-05-20T09:15:00'],
  'file-unreadable': ['f.xlsx', 'ENOENT'],
  'organisation-not-found': ['WANEP-ML'],
  'reading-file': ['f.xlsx'],
  'read-and-checked': ['1.2'],
  batch: [],
  'plan-line': ['3', '0', '20', '1', 20, 1],
  'plan-line-done': ['3', '0', '20', '1', 20, 1],
  'issue-group': ['✗', 'Date illisible', 'startDate', 'lignes', '2–4'],
  'issue-rows': [2],
  'issue-example': [2, 'Date illisible.'],
  'issue-close-to': ['Ségou'],
  'nothing-written': [],
  imported: ['3 créées'],
  'cleanup-dropped': [2, 30],
  'size-mb': ['1,5'],
  'size-kb': ['512'],
  'templates-all': [],
  'give-period': [],
  'give-grant': [],
  'template-and-file': [],
  'template-unreadable': ['t.json', 'ENOENT'],
  'template-refused': ['t.json', '  id: expected a kebab-case id'],
  'bulletin-computing': ['2023-Q2'],
  'values-computing': ['PROSMED-CCSC', '2023-Q2'],
  'report-computing': ['PROSMED-CCSC', '2023-Q2'],
  'report-contents': ['usaid-iptt', '1.0.0', 12, 4, 40, 3],
  writing: ['1,5 Mo'],
  'workbook-not-rendered': ['aborted'],
  'render-note': ['une remarque'],
  'wrote-in': ['r.xlsx', '1,5 Mo', '2,1'],
  wrote: ['r.xml'],
  'values-not-sent': [3],
};

describe('the command line message table', () => {
  it('has every language with every key sampled, each message said, French with U+202F', () => {
    expect(messageTableFaults(cliMessages, samples)).toEqual([]);
    for (const l of LOCALES)
      for (const [key, text] of said(cliMessages[l], samples))
        expect(text, `${l} ${key}`).toMatch(/^\S[^]*\S$/u);
  });

  it('says each language with its own grammar and punctuation', () => {
    expect(cliSays('fr', 'plan-line', '3', '0', '1', '2', 1, 2)).toBe(
      '3 à créer, 0 à mettre à jour, 1 inchangée, 2 rejetées',
    );
    expect(cliSays('en', 'plan-line-done', '3', '0', '1', '2', 1, 2)).toBe(
      '3 created, 0 updated, 1 unchanged, 2 rejected',
    );
    expect(cliSays('fr', 'profile-other-kind', 'incidents', 'activities')).toBe(
      `le profil est pour «${NNBSP}incidents${NNBSP}», pas «${NNBSP}activities${NNBSP}»`,
    );
    expect(cliSays('fr', 'cleanup-dropped', 1, 30)).toBe(
      '1 lot d’import non validé de plus de 30\u00a0jours supprimé.',
    );
    expect(cliSays('en', 'cleanup-dropped', 2, 30)).toBe(
      '2 staged import batches older than 30 days dropped.',
    );
    expect(cliSays('fr', 'give-period')).toBe(`indiquez la période${NNBSP}: --period 2023-Q2`);
  });
});
