import { describe, expect, it, vi } from 'vitest';
import { failure, ok } from '../../../../test/fake-api';
import { postAction } from '../../../../test/post-action';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { actions } = await import('./+page.server');

const FPS = '0a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const url = 'http://web.test/parametres/programmes';
const fields = { name: 'Femmes, paix et sécurité', nameEn: 'Women, peace and security' };

describe('the programmes page actions', () => {
  it('opens a programme with its code', async () => {
    const run = await postAction(
      actions.save,
      `${url}?/save`,
      { code: 'FPS', ...fields, description: '' },
      () => ok({}),
    );
    expect(run.calls).toEqual([
      { procedure: 'programme.create', input: { code: 'FPS', ...fields, description: null } },
    ]);
    expect(run.redirect?.location).toBe('/parametres/programmes?enregistre=FPS');
  });

  it('renames a programme without sending its code, which is fixed', async () => {
    const run = await postAction(
      actions.save,
      `${url}?/save`,
      { id: FPS, code: 'FPS', ...fields },
      () => ok({}),
    );
    expect(run.calls).toEqual([
      {
        procedure: 'programme.update',
        input: { id: FPS, programme: { ...fields, description: null } },
      },
    ]);
  });

  it('refuses a lower-case code and a missing English name before asking', async () => {
    const run = await postAction(actions.save, `${url}?/save`, { code: 'fps', name: 'FPS' }, () =>
      ok({}),
    );
    expect(run.calls).toEqual([]);
    expect(run.result).toMatchObject({
      status: 400,
      data: {
        values: { code: 'fps', name: 'FPS', nameEn: '' },
        errors: [
          {
            field: 'code',
            message:
              'Le code d’un programme ne prend que des majuscules, des chiffres et des tirets (CCS-C).',
          },
          { field: 'nameEn', message: 'Indiquez le nom en anglais.' },
        ],
      },
    });
  });

  it('says what still uses a programme it cannot remove', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const said = 'Programme encore utilisé : 12 activités et 1 subvention.';
    const run = await postAction(actions.delete, `${url}?/delete`, { id: FPS }, () =>
      failure('CONFLICT', said, 409),
    );
    expect(run.result).toMatchObject({ status: 409, data: { apiError: { detail: said } } });
  });
});
