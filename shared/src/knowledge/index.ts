// Knowledge ingestion: text, Markdown, HTML, PDF, DOCX and Q&A CSV files into cited, embedded chunks.
export * from './types';
export * from './detect';
export * from './chunker';
export * from './ingest';
export * from './limits';
export { checkZipDeclared, checkZipInflated, zipEntries, type ZipEntry } from './zip-limits';
export { extractPlainText, extractMarkdown } from './extract-text';
export { extractHtml } from './extract-html';
export { decodeText } from './text-decode';
export { extractPdf, extractDocx } from './extract-binary';
export { extractCsv } from './extract-csv';
export {
  readPage,
  readSitemap,
  sameOriginUrl,
  type PageInfo,
  type SitemapInfo,
  WEB_READ_LIMIT,
} from './web-pages';
