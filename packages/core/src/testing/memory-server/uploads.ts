import { ChatError } from '../../protocol';
import type { Operations } from './operations';

const disabled = () => {
  throw new ChatError('uploads_disabled', 'unable to upload: the in-memory server stores no files');
};

/**
 * The upload requests, refused as a server with no upload store refuses them
 * (`uploads_disabled`), so a client can show that state against it.
 */
export const uploadOperations: Pick<
  Operations,
  'upload:create' | 'upload:complete' | 'upload:cancel' | 'upload:urls'
> = {
  'upload:create': disabled,
  'upload:complete': disabled,
  'upload:cancel': disabled,
  'upload:urls': disabled,
};
