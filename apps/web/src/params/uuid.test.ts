import { describe, expect, it } from 'vitest';
import { match } from './uuid';

describe('the [id=uuid] route parameter', () => {
  it('takes record ids in either case and nothing else', () => {
    expect(match('5f1c4d3e-9a7b-4c2d-8e1f-0a1b2c3d4e5f')).toBe(true);
    expect(match('5F1C4D3E-9A7B-4C2D-8E1F-0A1B2C3D4E5F')).toBe(true);
    for (const param of [
      'nope',
      '',
      'nouvelle',
      '5f1c4d3e-9a7b-4c2d-8e1f-0a1b2c3d4e5',
      '5f1c4d3e9a7b4c2d8e1f0a1b2c3d4e5f',
    ])
      expect(match(param)).toBe(false);
  });
});
