/**
 * Components are presentational and never call browser.*: the translator arrives through
 * this context, provided by the entrypoint that renders them.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

import type { Translate } from '@/lib/i18n/keys';

export type { Translate };

export const I18nContext = createContext<Translate>((key) => key);
export const useT = () => useContext(I18nContext);
