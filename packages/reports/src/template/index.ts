export * from './template-schema';
export * from './parse-template';
export * from './labels';
export * from './built-in-templates';
export * from './plan-periods';
