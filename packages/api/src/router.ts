import { activityRouter } from './routers/activity';
import { adxRouter } from './routers/adx';
import { attendanceRouter } from './routers/attendance';
import { assessmentRouter } from './routers/assessment';
import { auditRouter } from './routers/audit';
import { bulletinRouter } from './routers/bulletin';
import { dashboardRouter } from './routers/dashboard';
import { personRouter } from './routers/person';
import { pivotRouter } from './routers/pivot';
import { donorRouter } from './routers/donor';
import { grantRouter } from './routers/grant';
import { importRouter } from './routers/import';
import { incidentRouter } from './routers/incident';
import { indicatorRouter } from './routers/indicator';
import { manualValueRouter } from './routers/manual-value';
import { organisationRouter } from './routers/organisation';
import { placeRouter } from './routers/place';
import { programmeRouter } from './routers/programme';
import { reportRouter } from './routers/report';
import { reportTextRouter } from './routers/report-text';
import { sessionRouter } from './routers/session';
import { targetRouter } from './routers/target';
import { userRouter } from './routers/user';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  session: sessionRouter,
  programme: programmeRouter,
  place: placeRouter,
  donor: donorRouter,
  activity: activityRouter,
  attendance: attendanceRouter,
  person: personRouter,
  grant: grantRouter,
  indicator: indicatorRouter,
  target: targetRouter,
  user: userRouter,
  reportText: reportTextRouter,
  bulletin: bulletinRouter,
  assessment: assessmentRouter,
  incident: incidentRouter,
  dashboard: dashboardRouter,
  pivot: pivotRouter,
  report: reportRouter,
  adx: adxRouter,
  manualValue: manualValueRouter,
  audit: auditRouter,
  import: importRouter,
  organisation: organisationRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process with an injected context: tests, the CLI, server-side code. */
export const createCaller = createCallerFactory(appRouter);
