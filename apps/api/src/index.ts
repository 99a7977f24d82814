export { createApp, type AppOptions } from './app';
export {
  startServer,
  defaultWebBuildDir,
  defaultOrigins,
  installLastResort,
  type RunningServer,
  type ServedDatabase,
  type StartServerOptions,
} from './server';
export { readEnv, type ServerEnv } from './env';
export { jsonLogger, type Logger } from './http/logger';
export { serverOptionsFromEnv, stopOnSignals } from './run';
