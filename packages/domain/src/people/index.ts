export * from './unique-people.js';
