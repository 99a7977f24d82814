export * from './render.js';
export * from './table.js';
export * from './indicator-chart.js';
export * from './incidents-chart.js';
export * from './bar-chart.js';
export * from './tile-map.js';
export * from './from-api.js';
export * from './input.js';
