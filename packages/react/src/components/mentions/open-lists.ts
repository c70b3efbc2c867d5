import type { KeyboardEvent } from 'react';

/** Handles a key while a people list is open; true when it used it. */
export type MentionKeys = (event: KeyboardEvent<HTMLTextAreaElement>) => boolean;

/**
 * The open people list of each text box, by its element: the list registers
 * how it takes keys, and the composer hands it each key first.
 */
export const openLists = new WeakMap<HTMLTextAreaElement, MentionKeys>();
