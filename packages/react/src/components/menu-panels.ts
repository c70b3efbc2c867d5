import '../i18n/chunk-strings/register-menus';

/** The chunk `menuChunk` loads: one fetch for every part that acting on a message or person leads to. */
export { ActionFailures } from './ActionFailures';
export { BlockedComposer } from './BlockedComposer';
export { BlockedMessage } from './BlockedMessage';
export { ComposerQuote } from './ComposerQuote';
export { ConversationMenuPanel } from './ConversationMenuPanel';
export { MessageActionsPanel } from './MessageActionsPanel';
export { MessageMenuPanel } from './MessageMenuPanel';
export { ReportMessage } from './ReportMessage';
