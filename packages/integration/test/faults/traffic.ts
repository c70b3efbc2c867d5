import type { ChatClient } from '@banter/core';
import { expect } from 'vitest';
import { until } from '../../src/clients';
import type { SentLog } from './invariants';

export interface Member {
  userId: string;
  client: ChatClient;
}

/** Groups of `size` members (the first creates it); every member has it open and loaded. */
export async function formGroups(members: Member[], size: number, label: string) {
  const logs: SentLog[] = [];
  for (let start = 0; start < members.length; start += size) {
    const group = members.slice(start, start + size);
    const [owner, ...others] = group as [Member, ...Member[]];
    const { id } = await owner.client.createGroupConversation({
      participantIds: others.map((m) => m.userId),
      title: `${label} ${logs.length + 1}`,
    });
    for (const { client } of group) client.openConversation(id);
    for (const { client } of group)
      await until(client, (s) => expect(s.timelines[id]?.loaded).toBe(true), 15_000);
    logs.push({ conversationId: id, members: group.map((m) => m.client), sends: [] });
  }
  return logs;
}

/**
 * Sends `total` messages spread evenly over `durationMs`, round-robin over every
 * member of every group, whatever state the link is in: sends made while a server
 * is down wait in the outbox, which is the point.
 */
export async function sendSpread(
  logs: SentLog[],
  members: Member[],
  total: number,
  durationMs: number,
  label: string,
) {
  const tickMs = 20;
  const perTick = Math.max(1, Math.ceil((total * tickMs) / durationMs));
  const groupOf = new Map<ChatClient, SentLog>();
  for (const log of logs) for (const client of log.members) groupOf.set(client, log);
  let sent = 0;
  while (sent < total) {
    for (let i = 0; i < perTick && sent < total; i++, sent++) {
      const member = members[sent % members.length] as Member;
      const log = groupOf.get(member.client) as SentLog;
      const body = `${label}-${member.userId}-${sent}`;
      member.client.sendMessage(log.conversationId, { body });
      log.sends.push({ senderId: member.userId, body });
    }
    await new Promise((resolve) => setTimeout(resolve, tickMs));
  }
}
