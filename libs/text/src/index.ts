export * from './html-entities';
export * from './normalise';
export * from './russian-stemmer';
export * from './tokenize';
