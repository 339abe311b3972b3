// HTML (and DOCX, converted to HTML by mammoth): block elements become paragraphs, h1-h6 become the
// headings of what follows; scripts, styles and navigation are skipped. Offsets point into the text
// made by joining the paragraphs with blank lines.
import { Parser } from 'htmlparser2';
import type { Extracted, Section } from './types';

const blocks = new Set([
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'table',
  'tr',
  'td',
  'th',
  'pre',
  'blockquote',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'br',
  'hr',
  'dt',
  'dd',
  'figcaption',
  'caption',
  'body',
]);
const skipped = new Set(['script', 'style', 'noscript', 'template', 'head', 'nav', 'svg']);
const headingLevel = (tag: string) => (/^h[1-6]$/.test(tag) ? Number(tag[1]) : 0);

export function extractHtml(html: string): Extracted {
  const sections: Section[] = [];
  const headings: string[] = [];
  let title: string | undefined;
  let buffer = '';
  let skip = 0;
  let inTitle = false;
  let titleText = '';
  let heading = 0;
  let headingText = '';
  let offset = 0;
  const flush = () => {
    const text = buffer
      .replace(/[ \t\r\f\v\u00a0]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .trim();
    buffer = '';
    if (!text) return;
    sections.push({ text, headings: headings.filter(Boolean), start: offset, end: offset + text.length });
    offset += text.length + 2;
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (skipped.has(name)) skip++;
        if (name === 'title') inTitle = true;
        const level = headingLevel(name);
        if (level) {
          flush();
          heading = level;
          headingText = '';
        } else if (blocks.has(name)) {
          if (name === 'br') buffer += '\n';
          else flush();
        }
      },
      ontext(text) {
        if (inTitle) titleText += text;
        if (skip) return;
        if (heading) headingText += text;
        else buffer += text;
      },
      onclosetag(name) {
        if (skipped.has(name)) skip = Math.max(0, skip - 1);
        if (name === 'title') inTitle = false;
        const level = headingLevel(name);
        if (level && heading) {
          const text = headingText.replace(/\s+/g, ' ').trim();
          headings.length = Math.min(headings.length, level - 1);
          while (headings.length < level - 1) headings.push('');
          headings.push(text.slice(0, 300));
          if (!title && level === 1 && text) title = text;
          heading = 0;
        } else if (blocks.has(name) && name !== 'br') flush();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  flush();
  const pageTitle = titleText.replace(/\s+/g, ' ').trim();
  const finalTitle = pageTitle || title;
  return finalTitle ? { title: finalTitle, sections } : { sections };
}
