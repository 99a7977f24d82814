export { appRouter, createCaller, type AppRouter } from './router';
export { createContext, localeFrom, type Context, type Locale } from './context';
export { toTRPCError, type ApiFailure } from './errors';
export type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
export {
  indicatorValues,
  toDefinition,
  type IndicatorPeriodValue,
} from './services/indicator-values';
