import { messageText, type Message } from '../messages';

/**
 * What a chosen password must be, as current guidance has it (NIST SP 800-63B, ANSSI): long rather
 * than complex — at least 12 characters, no rule on digits or capitals — and not one of the
 * passwords tried first (a short list of the most common ones, in French and English, with the
 * person's own address and the product's name). Spaces are allowed: a phrase is a good password.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** The passwords tried first, lower-case (compared after removing spaces, dots and dashes). */
const COMMON = new Set([
  '123456789012',
  '1234567890123',
  '111111111111',
  '000000000000',
  'azertyuiop123',
  'azertyuiopqsd',
  'azerty123456',
  'qwertyuiop123',
  'qwerty123456',
  'motdepasse123',
  'motdepasse1234',
  'password1234',
  'password12345',
  'passwordpassword',
  'motdepassemotdepasse',
  'iloveyou1234',
  'jetaime123456',
  'soleil123456',
  'bonjour123456',
  'administrateur',
  'administrator',
  'changemaintenant',
  'changeme1234',
  'bienvenue1234',
  'bienvenue2024',
  'bienvenue2025',
  'bienvenue2026',
  'welcome12345',
  'letmein12345',
  'football1234',
  'princess1234',
  'sunshine1234',
  'monkey123456',
  'dragon123456',
  'jalonjalon',
  'jalon1234567',
  'jalon-demo-2023',
  'jalondemo2023',
  'wanepmali123',
  'wanepmali2024',
  'bamako123456',
  'mali12345678',
]);

const squash = (s: string) => s.toLowerCase().replace(/[\s.\-_]/g, '');

/**
 * Why a password may not be chosen, in both languages, or null when it may.
 * @example passwordProblem('motdepasse123', { email: 'awa@example.org' }) // { fr: 'Ce mot de passe …' }
 */
export function passwordProblem(password: string, who: { email: string | null }): Message | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    return messageText('password.too-short', { min: PASSWORD_MIN_LENGTH });
  if (length > PASSWORD_MAX_LENGTH)
    return messageText('password.too-long', { max: PASSWORD_MAX_LENGTH });
  const squashed = squash(password);
  const local = who.email ? squash(who.email.split('@')[0] ?? '') : '';
  if (
    COMMON.has(squashed) ||
    new Set(squashed).size <= 2 ||
    (local.length >= 4 && squashed.includes(local))
  )
    return messageText('password.guessable');
  return null;
}
