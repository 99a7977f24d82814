import type { AppRouter, inferRouterOutputs } from '@jalon/api';

type Outputs = inferRouterOutputs<AppRouter>;

export type ActivityDto = Outputs['activity']['list']['items'][number];
export type ProgrammeDto = Outputs['programme']['list']['items'][number];
