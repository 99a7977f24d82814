export * from './formula';
export * from './parse-formula';
export * from './evaluate-formula';
export * from './dependency-graph';
