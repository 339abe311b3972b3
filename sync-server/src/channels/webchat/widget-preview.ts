// The preview page of a widget (/webchat/preview?key=...): the real widget script on a blank page of
// the server, in preview mode (`data-preview`): opened, with the settings given in the query (the admin's
// unsaved ones in the Settings card) over the saved ones, and posting nothing, so what is typed there
// never reaches the team as a customer's message. Its own CSP allows the widget script and nothing else.
import { z } from 'zod';
import { shownTitle, widgetSettingsSchema, type WidgetDoc } from './widgets';

/** The unsaved settings a preview may show; each falls back to the saved one. */
export const previewQuerySchema = z.object({
  key: z.string().max(64),
  title: widgetSettingsSchema.shape.title.removeDefault().optional(),
  greeting: widgetSettingsSchema.shape.greeting.removeDefault().optional(),
  color: widgetSettingsSchema.shape.color.removeDefault().optional(),
  language: widgetSettingsSchema.shape.language.removeDefault().optional(),
});

const attr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The page's HTML and its Content-Security-Policy. */
export function previewPage(
  widget: WidgetDoc,
  query: z.infer<typeof previewQuerySchema>,
  baseUrl: string,
): { html: string; csp: string } {
  const settings = {
    title: query.title ?? shownTitle(widget),
    greeting: query.greeting ?? widget.greeting,
    color: query.color ?? widget.color,
    language: query.language ?? widget.language ?? 'auto',
  };
  const script = `${baseUrl}/webchat/widget.js`;
  const data = Object.entries(settings)
    .map(([k, v]) => ` data-${k}="${attr(v)}"`)
    .join('');
  const lang = settings.language === 'auto' ? '' : ` lang="${settings.language}"`;
  const html =
    `<!doctype html><html${lang}><head><meta charset="utf-8"><title>Preview</title>` +
    `<style>html,body{margin:0;height:100%;background:#f3f4f6}</style></head><body>` +
    `<script src="${attr(script)}" data-key="${attr(widget.key)}" data-preview${data}></script></body></html>`;
  const csp = `default-src 'none'; script-src ${script}; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'`;
  return { html, csp };
}
