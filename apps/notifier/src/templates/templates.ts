import { TAXONOMY } from '@otklik/reference';
import { EN } from './templates.en';
import { RU } from './templates.ru';
import { Locale, LOCALES, Notice, NoticeKind, Rendered, TemplateFor, TemplateSet } from './notice.types';

const SETS: Record<Locale, TemplateSet> = { ru: RU, en: EN };

/** Which language a recipient's preference resolves to: its own when known, else Russian. */
export function resolveLocale(preferred: string | undefined): Locale {
  const base = (preferred ?? 'ru').toLowerCase().slice(0, 2);
  return (LOCALES as readonly string[]).includes(base) ? (base as Locale) : 'en';
}

/**
 * Renders a notice in the recipient's language, falling back to English where that language has
 * no template for this kind. Dates are shown in the recipient's time zone, topics by their name in
 * the template's language.
 */
export function render(notice: Notice, locale: string | undefined, timeZone = 'Europe/Moscow'): Rendered & { locale: Locale } {
  const wanted = resolveLocale(locale);
  const own = SETS[wanted][notice.kind] as TemplateFor<NoticeKind> | undefined;
  const used: Locale = own ? wanted : 'en';
  const template = (own ?? EN[notice.kind]) as TemplateFor<NoticeKind>;
  const fmt = new Intl.DateTimeFormat(used === 'ru' ? 'ru-RU' : 'en-GB', { timeZone, dateStyle: 'short', timeStyle: 'short' });
  return { ...template(notice as never, { dateTime: (d) => fmt.format(d), topicName: (code) => TAXONOMY.nameOf(code, used) }), locale: used };
}

/** The text a channel shows: chat channels take the short form when the template has one. */
export function textForChannel(rendered: Rendered, channel: string): { subject?: string; text: string } {
  if (channel === 'telegram' && rendered.chat) return { text: rendered.chat };
  return { subject: rendered.subject, text: rendered.text };
}
