/** A menu as the JSON API gives it: its entries in order, with what readers see of each. */
import type { MenuEntryView, MenuView } from '../../services/menus.js';

function entryJson(e: MenuEntryView) {
  return {
    ...e.entry,
    text: e.text,
    href: e.href,
    shown: e.href !== null,
    ...(e.hiddenBecause ? { hiddenBecause: e.hiddenBecause } : {}),
  };
}

/** Admins see every entry; anyone else only those readers see (a draft page's title is staff's). */
export function menuJson(menu: MenuView, everything: boolean) {
  return {
    name: menu.name,
    saved: menu.saved,
    entries: menu.entries.filter((e) => everything || e.href !== null).map(entryJson),
  };
}
