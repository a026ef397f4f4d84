import { en } from './en.js';

/**
 * The message catalogue. Every text the UI shows comes from here, so that more languages can be
 * added as more files with the same keys. Placeholders look like {name}.
 */
export type MessageKey = keyof typeof en;
const catalogues: Record<string, Record<MessageKey, string>> = { en };
let current: Record<MessageKey, string> = en;

export function setLocale(locale: string): void {
  current = catalogues[locale] ?? en;
}

export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  const text = current[key] ?? en[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match)) : text;
}
