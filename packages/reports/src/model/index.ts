export * from './common';
export * from './issues';
export * from './results';
export * from './evidence';
export * from './grant';
export * from './report-model';
export * from './bulletin-model';
