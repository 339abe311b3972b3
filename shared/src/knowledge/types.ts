// The ingestion pipeline's inner shapes: a file in, its text cut into sections (with headings and
// positions), then chunks.
import type { sourceKinds } from '../schemas/knowledge';

export type SourceKind = Exclude<(typeof sourceKinds)[number], 'url' | 'website'>;

/** A file to import: bytes (or text) and its name; the kind is detected from name, type and bytes. */
export type KnowledgeFile = {
  name: string;
  data: Uint8Array | ArrayBuffer | string;
  mimeType?: string;
  /** Overrides detection. */
  kind?: SourceKind;
  title?: string;
  tags?: string[];
};

/** A block of a source's text, under its headings, with where it stands in the source. */
export type Section = {
  text: string;
  headings: string[];
  /** Offsets into the source's extracted text. */
  start: number;
  end: number;
  page?: number;
  row?: number;
  question?: string;
  answer?: string;
  /** Never merged with neighbours or split (a Q&A pair). */
  atomic?: boolean;
};

export type Extracted = { title?: string; sections: Section[] };
