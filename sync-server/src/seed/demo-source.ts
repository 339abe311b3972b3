// The shape of one demo knowledge source (a help-centre article of sections), in either language.
/** One section: a chunk of its own that cites the source. */
type Section = { heading: string; text: string };
/** One source of the demo team's knowledge base, in one language. */
export type DemoSource = {
  id: string;
  title: string;
  fileName: string;
  language: 'ru' | 'en';
  sections: Section[];
};
