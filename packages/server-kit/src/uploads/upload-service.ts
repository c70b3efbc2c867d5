import {
  type Attachment,
  ChatError,
  type Upload,
  type UploadCancelled,
  type UploadTicket,
  type UploadUrls,
} from '@banter/core/protocol';
import type { ParsedInput } from '../operations/admit';

const disabled = (action: string) =>
  new ChatError('uploads_disabled', `unable to ${action}: this server has no upload store`);

/**
 * The upload requests (`upload:create`, `upload:complete`, `upload:cancel`,
 * `upload:urls`) and the check `message:send` runs on the uploads it names.
 * Without an upload store every one of them is `uploads_disabled`.
 */
export class UploadService {
  /** Asks to upload a file to a conversation. */
  async create(_userId: string, _input: ParsedInput<'upload:create'>): Promise<UploadTicket> {
    throw disabled('upload');
  }

  /** Checks an upload's bytes once they have arrived. */
  async complete(_userId: string, _uploadId: string): Promise<Upload> {
    throw disabled('complete upload');
  }

  /** Deletes an upload no message uses yet. */
  async cancel(_userId: string, _uploadId: string): Promise<UploadCancelled> {
    throw disabled('cancel upload');
  }

  /** Signed URLs to read files sent in a conversation. */
  async urls(_userId: string, _input: ParsedInput<'upload:urls'>): Promise<UploadUrls[]> {
    throw disabled('read files');
  }

  /** The attachments a send's `uploadIds` become, once each is checked and claimed by the send. */
  async attachmentsForSend(
    _userId: string,
    input: ParsedInput<'message:send'>,
  ): Promise<Attachment[]> {
    if (input.uploadIds.length === 0) return [];
    throw disabled('send message');
  }
}
