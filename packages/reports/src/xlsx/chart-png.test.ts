import { describe, expect, it } from 'vitest';
import { svgToPng } from './chart-png';

const svg = (body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50" viewBox="0 0 200 50">${body}</svg>`;

describe('svgToPng', () => {
  it('draws text with the shipped font, system fonts aside', () => {
    const text = (family: string) =>
      svg(`<text x="10" y="30" font-family="${family}" font-size="20">Réalisé 12</text>`);
    const blank = svgToPng(svg(''), 200);
    // Without a font resvg leaves text out: the picture would be the blank one.
    expect(svgToPng(text('sans-serif'), 200).equals(blank)).toBe(false);
    // ECharts names its own family; an unknown family falls back to the shipped one.
    expect(svgToPng(text('Microsoft YaHei'), 200).equals(blank)).toBe(false);
    expect(svgToPng(text('sans-serif'), 200).equals(svgToPng(text('DejaVu Sans'), 200))).toBe(true);
  });

  it('scales to the width asked, keeping the ratio', () => {
    const png = svgToPng(svg('<rect width="100" height="20" fill="#2f5f8f"/>'), 400);
    expect(png.readUInt32BE(16)).toBe(400);
    expect(png.readUInt32BE(20)).toBe(100);
  });
});
