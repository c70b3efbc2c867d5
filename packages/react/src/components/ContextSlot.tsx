'use client';
import type { Conversation } from '@banter/core';
import { lazyChunk, useChunk } from '../utils/lazy-chunk';

/** The default context drawing's code, fetched for the first conversation that has a context. */
export const contextChunk = lazyChunk(() => import('./ConversationContext'));

/**
 * ChatWindow's default context slot: nothing for a conversation without
 * `metadata.context`; else the drawing, once its code is here. Meanwhile an
 * empty strip of the same height holds its place, so the list does not jump.
 */
export function ContextSlot({ conversation }: { conversation: Conversation }) {
  const context = conversation.metadata?.context;
  if (typeof context !== 'object' || context === null) return null;
  return <Loaded conversation={conversation} />;
}

function Loaded({ conversation }: { conversation: Conversation }) {
  const { module, failed } = useChunk(contextChunk);
  if (module) return <module.ConversationContext conversation={conversation} />;
  // A context whose code failed to load is left out: it is decoration, the chat works without it.
  return failed ? null : <div className="banter-context" />;
}
