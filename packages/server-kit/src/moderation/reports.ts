import { ChatError, type Conversation } from '@banter/core/protocol';
import { callHook } from '../chat/guarded-hook';
import type { BanterHooks } from '../hooks';
import type { Logger } from '../logger';
import type { ParsedInput } from '../operations/admit';
import type { Storage } from '../storage/storage';

/** What `Reports` works with. */
export interface ReportsOptions {
  /** Where the reported message is read from. */
  storage: Storage;
  /** The conversation as the reporter sees it; throws `not_found` unless they are a participant. */
  conversationFor: (userId: string, conversationId: string) => Promise<Conversation>;
  /** The host's hooks: `onReport` receives the reports. */
  hooks: BanterHooks;
  /** Where reports go without an `onReport` hook, and where a failing hook is logged. */
  logger: Logger;
  /** How long the hook may take before the reporter is answered `unavailable`. */
  hookTimeoutMs: number;
}

/**
 * Reports of messages, handed to the host. Nothing is stored by Banter: the
 * host's `onReport` hook owns what happens next (a moderation queue, an e-mail),
 * and the reporter's ack waits for it, so a report the host did not take is
 * answered `unavailable` and can be sent again.
 */
export class Reports {
  readonly #o: ReportsOptions;

  constructor(options: ReportsOptions) {
    this.#o = options;
  }

  async report(reporterId: string, input: ParsedInput<'message:report'>) {
    const conversation = await this.#o.conversationFor(reporterId, input.conversationId);
    const message = await this.#o.storage.getMessage(
      input.conversationId,
      input.messageId,
      reporterId,
    );
    if (!message) throw new ChatError('not_found', 'unable to report message: no such message');
    const { onReport } = this.#o.hooks;
    const context = { reporterId, message, conversation, reason: input.reason };
    if (onReport) {
      await callHook('onReport', () => onReport(context), this.#o.hookTimeoutMs, this.#o.logger);
    } else {
      this.#o.logger.warn('message reported', {
        reporterId,
        conversationId: message.conversationId,
        messageId: message.id,
        senderId: message.senderId,
        reason: input.reason,
      });
    }
    return { reported: true as const };
  }
}
