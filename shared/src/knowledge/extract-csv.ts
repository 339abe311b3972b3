// CSV of question/answer pairs: each row is one atomic chunk. The columns are found by name (English
// or Russian); without them the file is refused rather than indexed as noise.
import Papa from 'papaparse';
import { DomainError } from '../errors';
import type { Extracted, Section } from './types';

const questionNames = ['question', 'q', 'questions', 'вопрос', 'вопросы'];
const answerNames = ['answer', 'a', 'answers', 'ответ', 'ответы'];

export function extractCsv(name: string, text: string): Extracted {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' });
  const fields = parsed.meta.fields ?? [];
  const find = (names: string[]) => fields.find((f) => names.includes(f.trim().toLowerCase()));
  const q = find(questionNames);
  const a = find(answerNames);
  if (!q || !a) {
    throw new DomainError(
      'file-unreadable',
      `${name}: a Q&A CSV needs "question" and "answer" columns (found: ${fields.join(', ') || 'none'})`,
    );
  }
  const sections: Section[] = [];
  let offset = 0;
  parsed.data.forEach((row, i) => {
    const question = (row[q] ?? '').trim();
    const answer = (row[a] ?? '').trim();
    if (!question || !answer) return;
    const body = `${question}\n${answer}`;
    sections.push({
      text: body,
      headings: [],
      start: offset,
      end: offset + body.length,
      row: i + 2,
      question: question.slice(0, 4000),
      answer: answer.slice(0, 8000),
      atomic: true,
    });
    offset += body.length + 2;
  });
  return { sections };
}
