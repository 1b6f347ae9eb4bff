export * from './taxonomy/taxonomy';
export * from './source-labels/source-label-mapping';
export * from './territories/territories';
export * from './regions/regions';
