export * from './formula.js';
export * from './parse-formula.js';
export * from './evaluate-formula.js';
export * from './dependency-graph.js';
