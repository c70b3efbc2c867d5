/**
 * The four workloads of issue #7, as data: how many clients, how they are
 * grouped into conversations, who sends, and how fast.
 */
import type { GroupSpec, LoadShape } from './ipc';

export type ScenarioName = 'window' | 'rooms' | 'idle' | 'group';
export const scenarioNames: readonly ScenarioName[] = ['window', 'rooms', 'idle', 'group'];

export interface Scenario {
  name: ScenarioName;
  title: string;
  clients: number;
  /** Members per conversation; every client is in exactly one. */
  conversationSize: number;
  /** Every member sends, or only each conversation's first member. */
  senders: 'everyone' | 'first';
  load: LoadShape;
}

export interface ScenarioSettings {
  window: number;
  roomRate: number;
  groupRate: number;
}

export function scenario(name: ScenarioName, settings: ScenarioSettings): Scenario {
  switch (name) {
    case 'window':
      return {
        name,
        title: `100 clients in 1:1 conversations, each keeping ${settings.window} sends in flight`,
        clients: 100,
        conversationSize: 2,
        senders: 'everyone',
        load: { kind: 'window', window: settings.window },
      };
    case 'rooms':
      return {
        name,
        title: `1,000 clients in rooms of 10, each sending ${settings.roomRate} message/s`,
        clients: 1_000,
        conversationSize: 10,
        senders: 'everyone',
        load: { kind: 'rate', perSecond: settings.roomRate },
      };
    case 'idle':
      return {
        name,
        title: '2,000 idle connections (in 1:1 conversations), for memory',
        clients: 2_000,
        conversationSize: 2,
        senders: 'everyone',
        load: { kind: 'none' },
      };
    case 'group':
      return {
        name,
        title: `one group of 200, one sender at ${settings.groupRate} messages/s`,
        clients: 200,
        conversationSize: 200,
        senders: 'first',
        load: { kind: 'rate', perSecond: settings.groupRate },
      };
  }
}

export interface Layout {
  userIds: string[];
  groups: GroupSpec[];
  /** Senders by conversation key; the key becomes a conversation id once created. */
  senders: { userId: string; key: string }[];
}

/** Users u0…uN-1, cut into consecutive conversations; the first member creates each. */
export function layout(s: Scenario): Layout {
  const userIds = Array.from({ length: s.clients }, (_, i) => `u${i}`);
  const groups: GroupSpec[] = [];
  const senders: Layout['senders'] = [];
  for (let start = 0; start < userIds.length; start += s.conversationSize) {
    const members = userIds.slice(start, start + s.conversationSize);
    const [creator] = members;
    if (creator === undefined) continue;
    const key = `g${groups.length}`;
    groups.push({ key, creator, members });
    const sending = s.senders === 'everyone' ? members : [creator];
    for (const userId of sending) senders.push({ userId, key });
  }
  return { userIds, groups, senders };
}
