export * from './calendar-date.js';
export * from './period.js';
export * from './fiscal.js';
export * from './calendar-periods.js';
export * from './parse-period.js';
export * from './compare.js';
export * from './sub-periods.js';
export * from './format-period.js';
