export { createApp, type AppOptions } from './app';
export {
  startServer,
  defaultWebBuildDir,
  type RunningServer,
  type StartServerOptions,
} from './server';
export { readEnv, type ServerEnv } from './env';
