/** Distributed Map: the parts that do not depend on the state loop (see run-distributed-map.ts for the entry point). */
export * from './object-store';
export * from './item-reader';
export * from './item-batcher';
export * from './result-writer';
export * from './map-run';
export * from './run-distributed-map';
