export * from './render';
export * from './table';
export * from './indicator-chart';
export * from './incidents-chart';
export * from './bar-chart';
export * from './tile-map';
export * from './from-api';
export * from './input';
