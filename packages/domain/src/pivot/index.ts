export * from './pivot';
