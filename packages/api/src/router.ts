import { activityRouter } from './routers/activity';
import { programmeRouter } from './routers/programme';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  programme: programmeRouter,
  activity: activityRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process with an injected context: tests, the CLI, server-side code. */
export const createCaller = createCallerFactory(appRouter);
