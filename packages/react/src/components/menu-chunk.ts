import { lazyChunk } from '../utils/lazy-chunk';

/**
 * The code of what follows from acting on a message or a person, fetched
 * together the first time it is needed: the open message menu (with the
 * reaction picker's shell), the header's conversation menu, the composer's
 * reply/edit quote, a refused action's Retry/Discard, the report dialog's
 * loader, and what a block changes (the bar in place of a direct
 * conversation's composer, collapsed group messages). Most visits read and
 * send only.
 */
export const menuChunk = lazyChunk(() => import('./menu-panels'));
