/** Creator risk: a pure score with its explanation, bands, trend, precision and merging. */
export * from './bands';
export * from './config';
export * from './decisions';
export * from './merge';
export * from './precision';
export * from './score';
