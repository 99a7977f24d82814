export * from './template-schema.js';
export * from './parse-template.js';
export * from './labels.js';
export * from './built-in-templates.js';
export * from './plan-periods.js';
