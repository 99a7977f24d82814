export * from './organisation';
export * from './place';
export * from './programme';
export * from './activity';
export * from './participation';
