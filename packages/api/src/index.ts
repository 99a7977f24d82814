export { appRouter, createCaller, type AppRouter } from './router';
export { createContext, localeFrom, systemActor, type Context, type Locale } from './context';
export { ReadCache, type ReadCacheOptions } from './services/read-cache';
export * from './auth/sessions';
export { login, defaultLoginThrottle, type LoginResult } from './auth/login';
export { LoginThrottle } from './auth/throttle';
export { authorizeProcedure, permissions, type ProcedurePath } from './auth/permissions';
export { refusalText, toTRPCError, type ApiFailure } from './errors';
export {
  message,
  messageTables,
  messageText,
  sameText,
  typographyFaults,
  type ArgsOf,
  type Message,
  type Table,
} from './messages';
export type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
export {
  indicatorValues,
  toDefinition,
  type IndicatorPeriodValue,
} from './services/indicator-values';
export { KIND_WRITE, replan, stageFile, type StageRequest } from './services/import-batches';
export { INLINE_FILE_BYTES } from './routers/import';
