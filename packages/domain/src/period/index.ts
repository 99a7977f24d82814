export * from './calendar-date';
export * from './period';
export * from './fiscal';
export * from './calendar-periods';
export * from './parse-period';
export * from './compare';
export * from './sub-periods';
export * from './format-period';
