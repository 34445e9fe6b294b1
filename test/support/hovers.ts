import { renderCard } from '../../server/src/engine';
import type { CacheCard, HoverOptions } from '../../server/src/engine';

/** A stand-in for the "Show cache details" link a brief hover ends with. */
export const LINK = 'command:layerlens.showCacheDetails?x';

/** The lines of text a hover shows: blank lines between paragraphs do not count. */
export const textLines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

/** A card as the brief hover renders it, with the details link. */
export const brief = (card: CacheCard, options: HoverOptions = {}) =>
  renderCard(card, 'markdown', 'hover', { detail: 'brief', detailsLink: LINK, ...options });
