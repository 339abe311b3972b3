// Dates and times in Russian and English text, resolved against `now` (UTC): "завтра в 15:00",
// "next Monday at 3 pm", "12 марта в 11", "March 12 at 11 am", ISO dates. Returns an ISO timestamp.

const ruMonths = ['янв', 'фев', 'мар', 'апр', 'ма', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];
const enMonths = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ruDays = ['воскресен', 'понедельн', 'вторн', 'сред', 'четверг', 'пятниц', 'суббот'];
const enDays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const day = 86_400_000;

function monthIndex(word: string): number {
  const w = word.toLowerCase();
  if (/^ма[йяе]/.test(w)) return 4;
  const ru = ruMonths.findIndex((m, i) => i !== 4 && w.startsWith(m));
  if (ru >= 0) return ru;
  return enMonths.findIndex((m) => w.startsWith(m));
}

function time(text: string): { h: number; m: number } | undefined {
  const hm = text.match(/\b(\d{1,2})[:.](\d{2})\s*(am|pm)?/i);
  if (hm) {
    let h = Number(hm[1]);
    if (hm[3]?.toLowerCase() === 'pm' && h < 12) h += 12;
    if (h < 24 && Number(hm[2]) < 60) return { h, m: Number(hm[2]) };
  }
  const ampm = text.match(/\b(\d{1,2})\s*(am|pm)\b/i);
  if (ampm) {
    let h = Number(ampm[1]) % 12;
    if (ampm[2]!.toLowerCase() === 'pm') h += 12;
    return { h, m: 0 };
  }
  const ru = text.match(/(?:^|\s)в\s+(\d{1,2})(?:\s*(?:час|ч\b|утра|дня|вечера))/iu);
  if (ru) {
    let h = Number(ru[1]);
    if (/вечера|дня/.test(ru[0]) && h < 12) h += 12;
    if (h < 24) return { h, m: 0 };
  }
  const at = text.match(/\bat\s+(\d{1,2})\b/i);
  if (at && Number(at[1]) < 24) return { h: Number(at[1]), m: 0 };
  return undefined;
}

function dateOnly(text: string, now: Date): Date | undefined {
  const t = text.toLowerCase();
  const base = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const iso = t.match(/\b(\d{4})-(\d{2})-(\d{2})\b/);
  if (iso) return new Date(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])));
  const dotted = t.match(/\b(\d{1,2})\.(\d{1,2})(?:\.(\d{2,4}))?\b/);
  if (
    dotted &&
    Number(dotted[2]) <= 12 &&
    !/\d[:.]\d{2}\s*(am|pm)?$/.test(dotted[0] + (t[dotted.index! + dotted[0].length] ?? ''))
  ) {
    const y = dotted[3]
      ? Number(dotted[3].length === 2 ? `20${dotted[3]}` : dotted[3])
      : now.getUTCFullYear();
    if (Number(dotted[1]) <= 31 && Number(dotted[2]) >= 1)
      return new Date(Date.UTC(y, Number(dotted[2]) - 1, Number(dotted[1])));
  }
  const dm = t.match(/\b(\d{1,2})\s+([а-яa-z]{3,})/u);
  if (dm && monthIndex(dm[2]!) >= 0 && Number(dm[1]) <= 31)
    return nextDate(now, monthIndex(dm[2]!), Number(dm[1]));
  const md = t.match(/\b([a-z]{3,})\s+(\d{1,2})(?:st|nd|rd|th)?\b/);
  if (md && enMonths.some((m) => md[1]!.startsWith(m)) && Number(md[2]) <= 31) {
    return nextDate(now, monthIndex(md[1]!), Number(md[2]));
  }
  if (/послезавтра|day after tomorrow/.test(t)) return new Date(base + 2 * day);
  if (/завтра|tomorrow/.test(t)) return new Date(base + day);
  if (/сегодня|today|tonight|this evening|вечером/.test(t)) return new Date(base);
  for (const [names, weekNext] of [
    [ruDays, /следующ/],
    [enDays, /next/],
  ] as const) {
    const idx = names.findIndex((d) => t.includes(d));
    if (idx >= 0) {
      let delta = (idx - now.getUTCDay() + 7) % 7 || 7;
      if (weekNext.test(t) && delta < 7 && /следующ\S*\s+(недел|week)/.test(t) === false) delta += 0;
      return new Date(base + delta * day);
    }
  }
  if (/следующей неделе|next week/.test(t)) return new Date(base + ((8 - now.getUTCDay()) % 7 || 7) * day);
  return undefined;
}

function nextDate(now: Date, month: number, date: number): Date {
  const y = now.getUTCFullYear();
  const candidate = new Date(Date.UTC(y, month, date));
  return candidate.getTime() < now.getTime() - day ? new Date(Date.UTC(y + 1, month, date)) : candidate;
}

export function extractDate(text: string, now: Date): string | undefined {
  const d = dateOnly(text, now);
  if (!d) return undefined;
  const t = time(text) ?? { h: 10, m: 0 };
  d.setUTCHours(t.h, t.m, 0, 0);
  return d.toISOString();
}
