/** Message limits the content script needs without loading the message map's schemas. */

/** Items per `items.evaluate` message (the content script batches to this). */
export const MAX_ITEMS_PER_EVALUATION = 200;
