export * from './kobo';
