// Web chat widgets: a team publishes a widget under a public key (it appears in the site's HTML, so it
// is no secret), with the site origins allowed to use it. Kept in the `app_channels` system database.
import { z } from 'zod';
import type { Store } from '../../context';
import { DomainError } from '@app/shared/errors';
import { systemDocs } from '../../store/data';

export const widgetSettingsSchema = z.object({
  /**
   * The panel's header. Empty (the default): the widget's own words ("Chat with us" / "Написать нам"),
   * in the language its launcher and labels speak, so header and launcher never differ in language.
   */
  title: z.string().trim().max(100).default(''),
  /**
   * The team's greeting, shown first in the panel; empty: none. The Settings card's default ("Hello!
   * How can we help?" or its Russian) stands for the widget's own greeting in the visitor's language.
   */
  greeting: z.string().trim().max(500).default(''),
  /** The team's greeting per language; the visitor's language's wins over `greeting` (issue 64). */
  greetings: z
    .strictObject({ ru: z.string().trim().max(500).optional(), en: z.string().trim().max(500).optional() })
    .optional(),
  /**
   * Site origins allowed to use the widget, e.g. https://shop.example; empty allows any. When set, every
   * call to the widget's public endpoints must carry a matching Origin header.
   */
  allowedOrigins: z.array(z.string().url().max(200)).max(20).default([]),
  /** New visitors one IP may start per hour on this widget; null or absent: WEBCHAT_NEW_VISITORS_PER_HOUR. */
  newVisitorsPerIpPerHour: z.number().int().min(1).max(100_000).nullable().optional(),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .default('#2563eb'),
  /**
   * The language of the widget's own texts (button, placeholder, labels): `auto` follows the
   * conversation's language once known (the customer's, as the replies are written), before that the
   * visitor's browser; `ru` or `en` fixes it.
   */
  language: z.enum(['auto', 'ru', 'en']).default('auto'),
  /**
   * The widget may note the pages of the site a visitor views (path and title, the last 20, in the
   * visitor's browser) and send them with the first message, once the visitor said yes to its one-line
   * question (issue 14). Off unless the team switches it on; widgets made before have no value: off.
   */
  recordPages: z.boolean().default(false),
});

export type WidgetSettings = z.infer<typeof widgetSettingsSchema>;

/**
 * The titles widgets were given by default before a title could be empty (the server's, and the one the
 * Settings card sent in the admin's language): such a widget shows the widget's own words instead.
 */
const formerDefaultTitles = new Set(['Chat with us', 'Напишите нам']);

/** The header a widget shows: its own title, or '' for the widget's words in its language. */
export const shownTitle = (w: Pick<WidgetSettings, 'title'>) =>
  formerDefaultTitles.has(w.title) ? '' : w.title;
/**
 * The greetings the Settings card stored by default before the widget had its own (in the admin's
 * language, whatever the visitor's): such a widget greets in the visitor's language instead.
 */
const formerDefaultGreetings = new Set<string>([
  'Hello! How can we help?',
  'Здравствуйте! Чем можем помочь?',
]);

/** Whether the widget greets with its own words, in the visitor's language (the card's default). */
export const greetsByDefault = (w: Pick<WidgetSettings, 'greeting'>) =>
  formerDefaultGreetings.has(w.greeting);

/** The team's own greeting, or '' (none, or the widget's own in the visitor's language). */
export const shownGreeting = (w: Pick<WidgetSettings, 'greeting'>) => (greetsByDefault(w) ? '' : w.greeting);

export type WidgetDoc = WidgetSettings & {
  _id: string;
  _rev?: string;
  type: 'webchat';
  teamId: string;
  key: string;
  createdAt: string;
};

const docId = (key: string) => `webchat:${key}`;
const keyPattern = /^[A-Za-z0-9_-]{8,64}$/;

export const isWidgetKey = (key: string) => keyPattern.test(key);

export type Widgets = {
  find(key: string): Promise<WidgetDoc | undefined>;
  list(teamId: string): Promise<WidgetDoc[]>;
  create(teamId: string, settings: Partial<WidgetSettings>): Promise<WidgetDoc>;
  /** Changes a widget of this team; undefined when the team has no such widget. */
  update(teamId: string, key: string, settings: Partial<WidgetSettings>): Promise<WidgetDoc | undefined>;
  remove(teamId: string, key: string): Promise<boolean>;
};

export function createWidgets(store: Store, now: () => Date = () => new Date()): Widgets {
  const docs = systemDocs<WidgetDoc>(store, 'app_channels');
  async function find(key: string): Promise<WidgetDoc | undefined> {
    if (!isWidgetKey(key)) return undefined;
    const doc = await docs.get(docId(key));
    return doc?.type === 'webchat' ? doc : undefined;
  }
  return {
    find,
    async list(teamId) {
      return docs.select({ teamId, type: 'webchat' }, 100);
    },
    async update(teamId, key, settings) {
      const current = await find(key);
      if (!current || current.teamId !== teamId) return undefined;
      const next: WidgetDoc = { ...current, ...widgetSettingsSchema.partial().parse(settings) };
      const rev = await docs.put(next);
      if (!rev) throw new DomainError('conflict', `Widget '${key}' was changed meanwhile; reload and retry`);
      return { ...next, _rev: rev };
    },
    async remove(teamId, key) {
      const current = await find(key);
      if (!current || current.teamId !== teamId) return false;
      await docs.remove(current._id, current._rev!);
      return true;
    },
    async create(teamId, settings) {
      const key = `wc_${globalThis.crypto.randomUUID().replaceAll('-', '')}`;
      const doc: WidgetDoc = {
        ...widgetSettingsSchema.parse(settings),
        _id: docId(key),
        type: 'webchat',
        teamId,
        key,
        createdAt: now().toISOString(),
      };
      return { ...doc, _rev: await docs.create(doc) };
    },
  };
}
