export * from './unique-people';
