export * from './render';
export * from './table';
export * from './indicator-chart';
export * from './incidents-chart';
export * from './input';
