import type { Locale } from '@jalon/domain';
import { en } from './en';
import { fr, type ChartWordTable } from './fr';

/**
 * The charts package's one message table: every word a chart, its table or its legend prints, by
 * language (`chartWords[locale].quarter`), for the charts here and for pages that print them
 * beside a chart.
 */
export const chartWords: Readonly<Record<Locale, ChartWordTable>> = { fr, en };
export type { ChartWordTable };
