import type { Action } from './actions';
import type { BlockState, ChatState } from './state';

type BlockAction = Extract<
  Action,
  { type: 'blocksLoaded' | 'blockQueued' | 'blockAcknowledged' | 'blockFailed' }
>;

/**
 * The block list's part of the reducer. The server's list is kept apart from
 * the changes on their way, so a list loaded while a change waits (after a
 * reconnect) never undoes what the viewer just did: the view applies the
 * pending changes over it.
 */
export function reduceBlocks(state: ChatState, action: BlockAction): ChatState {
  const blocks = state.blocks;
  switch (action.type) {
    case 'blocksLoaded':
      if (blocks.status === 'loaded' && sameIds(blocks.userIds, action.userIds)) return state;
      return withBlocks(state, { ...blocks, status: 'loaded', userIds: [...action.userIds] });
    case 'blockQueued':
      return withBlocks(state, {
        ...blocks,
        pending: [...blocks.pending.filter((c) => c.id !== action.change.id), action.change],
      });
    case 'blockAcknowledged': {
      const pending = blocks.pending.filter((c) => c.id !== action.id);
      const others = blocks.userIds.filter((id) => id !== action.userId);
      const userIds = action.blocked ? [...others, action.userId] : others;
      return withBlocks(state, { ...blocks, pending, userIds });
    }
    case 'blockFailed': {
      const pending = blocks.pending.filter((c) => c.id !== action.id);
      if (pending.length === blocks.pending.length) return state;
      return { ...withBlocks(state, { ...blocks, pending }), lastError: action.error };
    }
  }
}

function withBlocks(state: ChatState, blocks: BlockState): ChatState {
  return { ...state, blocks };
}

function sameIds(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

let lastBlocks: BlockState | undefined;
let lastView: ReadonlySet<string> = new Set();

/**
 * Whom the viewer blocks as they see it now: the server's list with the
 * changes still on their way applied in order. The same set is returned
 * while the block list is unchanged, so a React selector over it is stable.
 */
export function selectBlockedUserIds(state: ChatState): ReadonlySet<string> {
  if (state.blocks === lastBlocks) return lastView;
  const view = new Set(state.blocks.userIds);
  for (const change of state.blocks.pending) {
    if (change.blocked) view.add(change.userId);
    else view.delete(change.userId);
  }
  lastBlocks = state.blocks;
  lastView = view;
  return view;
}

/** Whether the viewer blocks this user, counting a block or unblock still on its way. */
export function isBlocked(state: ChatState, userId: string): boolean {
  return selectBlockedUserIds(state).has(userId);
}
