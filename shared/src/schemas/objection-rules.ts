// What an objection doc must be beyond its JSON schema (objections.ts), checked alike by the API and
// the desktop's library editor: at least one trigger example (or it is never recognised), at most one
// approved answer per language and stage, no blank texts.
import type { ObjectionDoc } from './objections';

export type ObjectionIssue = { path: string; message: string };

type Checked = Pick<ObjectionDoc, 'triggers' | 'answers'>;

/** The rules the schema cannot say; an empty list when the objection keeps them. */
export function objectionIssues(doc: Checked): ObjectionIssue[] {
  const issues: ObjectionIssue[] = [];
  const triggers = [...(doc.triggers.ru ?? []), ...(doc.triggers.en ?? [])];
  if (!triggers.some((t) => t.trim())) {
    issues.push({ path: 'triggers', message: 'needs at least one example of what a customer says' });
  }
  for (const language of ['ru', 'en'] as const) {
    (doc.triggers[language] ?? []).forEach((t, i) => {
      if (!t.trim()) issues.push({ path: `triggers.${language}.${i}`, message: 'is blank' });
    });
  }
  const seen = new Set<string>();
  doc.answers.forEach((a, i) => {
    if (!a.text.trim()) issues.push({ path: `answers.${i}.text`, message: 'is blank' });
    const key = `${a.language}/${a.stage ?? 'any stage'}`;
    if (seen.has(key)) issues.push({ path: `answers.${i}`, message: `a second answer for ${key}` });
    seen.add(key);
  });
  return issues;
}
