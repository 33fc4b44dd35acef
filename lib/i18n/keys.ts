/** The names of every user-facing message, typed from the English catalogue (type only). */
export type MessageKey = keyof typeof import('@/public/_locales/en/messages.json');
export type Translate = (key: MessageKey, substitutions?: string | string[]) => string;
