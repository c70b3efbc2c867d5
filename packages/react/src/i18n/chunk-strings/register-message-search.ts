import { lateDefaults } from '../late-defaults';
import { messageSearchStrings } from './message-search';

// Imported by the chunk's entry module: its strings join the provider's defaults when it is evaluated.
Object.assign(lateDefaults, messageSearchStrings);
