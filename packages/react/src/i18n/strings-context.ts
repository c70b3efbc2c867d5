'use client';
import { createContext, useContext } from 'react';
import { withLateDefaults } from './late-defaults';
import { type BanterStrings, pageStrings } from './strings';

export interface StringsValue {
  strings: BanterStrings;
  locale: string;
}

export const StringsContext = createContext<StringsValue>({
  strings: withLateDefaults(pageStrings),
  locale: 'en',
});

/** The strings and locale for components; defaults work without a provider (e.g. a part alone). */
export function useStrings(): StringsValue {
  return useContext(StringsContext);
}
