import { lateDefaults } from '../late-defaults';
import { mentionStrings } from './mentions';

// Imported by the chunk's entry module: its strings join the provider's defaults when it is evaluated.
Object.assign(lateDefaults, mentionStrings);
