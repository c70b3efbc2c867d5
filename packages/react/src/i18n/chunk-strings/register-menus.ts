import { lateDefaults } from '../late-defaults';
import { menuStrings } from './menus';

// Imported by the chunk's entry module: its strings join the provider's defaults when it is evaluated.
Object.assign(lateDefaults, menuStrings);
