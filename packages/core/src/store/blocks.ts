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
  const { userIds, pending } = state.blocks;
  let blocks: BlockState;
  switch (action.type) {
    case 'blocksLoaded':
      if (state.blocks.status === 'loaded' && `${userIds}` === `${action.userIds}`) return state;
      blocks = { status: 'loaded', userIds: action.userIds, pending };
      break;
    case 'blockQueued':
      blocks = { ...state.blocks, pending: [...pending, action.change] };
      break;
    case 'blockAcknowledged': {
      const others = userIds.filter((id) => id !== action.userId);
      blocks = {
        ...state.blocks,
        pending: pending.filter((c) => c.id !== action.id),
        userIds: action.blocked ? [...others, action.userId] : others,
      };
      break;
    }
    case 'blockFailed':
      return {
        ...state,
        blocks: { ...state.blocks, pending: pending.filter((c) => c.id !== action.id) },
        lastError: action.error,
      };
  }
  return { ...state, blocks };
}

/**
 * Whom the viewer blocks as they see it now: the server's list with the
 * changes still on their way applied in order. A new set each call: in a
 * React selector, ask `isBlocked` for one user instead.
 */
export function selectBlockedUserIds(state: ChatState): Set<string> {
  const ids = new Set(state.blocks.userIds);
  for (const { userId, blocked } of state.blocks.pending) {
    if (blocked) ids.add(userId);
    else ids.delete(userId);
  }
  return ids;
}

/** Whether the viewer blocks this user, counting a block or unblock still on its way. */
export function isBlocked(state: ChatState, userId: string): boolean {
  const last = state.blocks.pending.findLast((change) => change.userId === userId);
  return last ? last.blocked : state.blocks.userIds.includes(userId);
}
