'use client';
import { ChatError, type MessageSearchHit } from '@banter/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useChatClient } from '../../hooks/use-chat-state';

/** What a search shows: nothing asked yet, waiting, hits (maybe none), or why it failed. */
export type MessageSearchStatus = 'idle' | 'loading' | 'done' | 'error';

/** The state of one search box. */
export interface MessageSearchState {
  status: MessageSearchStatus;
  results: MessageSearchHit[];
  /** Whether older hits exist (`loadMore` fetches them). */
  hasMore: boolean;
  /** A further page is on its way. */
  loadingMore: boolean;
  /** The failure, when `status` is `error` or a further page failed. */
  error: ChatError | null;
  /** Fetches the next (older) page of hits. */
  loadMore: () => void;
}

/** Long enough to skip a request per keystroke, short enough to feel live. */
export const searchDelayMs = 250;

/**
 * Searches as the person types (one request per pause, blank queries never sent), one
 * conversation or all; an answer to an older query than the current one is dropped.
 */
export function useMessageSearch(query: string, conversationId?: string): MessageSearchState {
  const client = useChatClient();
  const [state, setState] = useState<Omit<MessageSearchState, 'loadMore'>>(idle);
  const cursor = useRef<string | null>(null);
  // Bumped by every new query: answers carrying an older number are stale.
  const generation = useRef(0);
  const trimmed = query.trim();

  useEffect(() => {
    const mine = ++generation.current;
    cursor.current = null;
    if (trimmed === '') {
      setState(idle);
      return;
    }
    setState((s) => ({ ...s, status: 'loading', error: null }));
    const timer = setTimeout(() => {
      client.searchMessages(trimmed, { conversationId }).then(
        (page) => {
          if (mine !== generation.current) return;
          cursor.current = page.nextCursor;
          setState({
            status: 'done',
            results: page.results,
            hasMore: page.nextCursor !== null,
            loadingMore: false,
            error: null,
          });
        },
        (error: unknown) => {
          if (mine !== generation.current) return;
          setState({ ...idle, status: 'error', error: ChatError.from(error) });
        },
      );
    }, searchDelayMs);
    return () => clearTimeout(timer);
  }, [client, trimmed, conversationId]);

  const loadMore = useCallback(() => {
    const from = cursor.current;
    if (from === null) return;
    const mine = generation.current;
    setState((s) => ({ ...s, loadingMore: true, error: null }));
    client.searchMessages(trimmed, { conversationId, cursor: from }).then(
      (page) => {
        if (mine !== generation.current) return;
        cursor.current = page.nextCursor;
        setState((s) => ({
          ...s,
          results: [...s.results, ...page.results],
          hasMore: page.nextCursor !== null,
          loadingMore: false,
        }));
      },
      (error: unknown) => {
        if (mine !== generation.current) return;
        setState((s) => ({ ...s, loadingMore: false, error: ChatError.from(error) }));
      },
    );
  }, [client, trimmed, conversationId]);

  return { ...state, loadMore };
}

const idle: Omit<MessageSearchState, 'loadMore'> = {
  status: 'idle',
  results: [],
  hasMore: false,
  loadingMore: false,
  error: null,
};
