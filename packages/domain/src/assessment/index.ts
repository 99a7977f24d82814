export * from './framework.js';
export * from './score-assessment.js';
export * from './rank.js';
