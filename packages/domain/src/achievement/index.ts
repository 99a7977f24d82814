export * from './achievement.js';
export * from './status.js';
export * from './targets.js';
