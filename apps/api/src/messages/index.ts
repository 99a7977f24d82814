import { messageTables, type Locale } from '@jalon/api';
import { en } from './en';
import { fr, type Catalogue } from './fr';

/**
 * The HTTP edge's words (refusals, query checks, uploads, export sheets), one table per language
 * under one key set, looked up as the API package's are (`messageTables`): a missing key is a type
 * error, a third language one more file here.
 */
export const catalogues: Readonly<Record<Locale, Catalogue>> = { fr, en };
export type { Catalogue };
export type MessageKey = keyof Catalogue;
export const { locales, message, messageText } = messageTables(catalogues);
