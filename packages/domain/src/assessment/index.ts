export * from './framework';
export * from './score-assessment';
export * from './rank';
