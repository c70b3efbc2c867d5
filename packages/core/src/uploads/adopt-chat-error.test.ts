import { describe, expect, it } from 'vitest';
import { ChatError } from '../protocol';
import { adoptChatError } from './adopt-chat-error';

/** Stands for the ChatError class of another built entry (the upload entry's own copy). */
class OtherEntryChatError extends ChatError {}

describe('adoptChatError', () => {
  it("re-makes a ChatError of another class as the receiver's, with its code and fields", () => {
    const cause = new Error('socket hung up');
    const foreign = new OtherEntryChatError('file_too_large', 'too big', { limit: 10, cause });
    // What the receiving class sees of it: no longer a subclass, so a plain re-make.
    const As = class extends ChatError {};
    const adopted = adoptChatError(foreign, As);
    expect(adopted).toBeInstanceOf(As);
    expect(adopted).toMatchObject({ code: 'file_too_large', message: 'too big', limit: 10, cause });
    expect(As.from(adopted).code).toBe('file_too_large');
  });

  it('leaves errors of the same class and anything else as they are', () => {
    const same = new ChatError('url_expired');
    const plain = new TypeError('failed to fetch');
    expect(adoptChatError(same, ChatError)).toBe(same);
    expect(adoptChatError(plain, ChatError)).toBe(plain);
    expect(adoptChatError('text', ChatError)).toBe('text');
  });
});
