// Telegram language codes (IETF tags like `ru`, `en-US`, `uk`) mapped to the domain's languages.

const russianSpeaking = new Set(['ru', 'uk', 'be', 'kk', 'ky', 'uz', 'tg', 'hy', 'az']);

/** `ru` for Russian (and neighbours whose speakers usually read Russian), else `en`. */
export function languageFor(code: string | undefined): 'ru' | 'en' {
  const base = (code ?? '').toLowerCase().split('-')[0] ?? '';
  return russianSpeaking.has(base) ? 'ru' : 'en';
}
