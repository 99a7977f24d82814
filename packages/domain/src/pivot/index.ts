export * from './pivot.js';
