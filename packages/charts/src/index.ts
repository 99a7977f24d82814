export * from './render.js';
export * from './table.js';
export * from './indicator-chart.js';
export * from './incidents-chart.js';
export * from './input.js';
