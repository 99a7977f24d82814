import type { AppRouter, inferRouterOutputs } from '@jalon/api';

type Outputs = inferRouterOutputs<AppRouter>;

export type ActivityDto = Outputs['activity']['list']['items'][number];
export type ProgrammeDto = Outputs['programme']['list']['items'][number];

export type BulletinFiguresDto = Outputs['bulletin']['figures'];
export type ProgrammeFiguresDto = BulletinFiguresDto['programmes'][number];
export type CellFigureDto = BulletinFiguresDto['totals']['women'];
export type DeliverableType = keyof BulletinFiguresDto['totals']['deliverables'];

export type GrantDto = Outputs['grant']['list']['items'][number];
export type GrantDetailDto = Outputs['grant']['byId'];
export type ResultNodeDto = GrantDetailDto['framework'][number];

export type IndicatorDto = Outputs['indicator']['list']['items'][number];
export type IndicatorValueDto = Outputs['indicator']['values']['items'][number];
export type IndicatorStatus = IndicatorValueDto['status'];
/** A grant's indicators judged as its report judges them (`indicator.statuses`). */
export type GrantStatusesDto = Outputs['indicator']['statuses']['grants'][number];
export type JudgedStatusDto = GrantStatusesDto['items'][number];
export type BreakdownDto = NonNullable<NonNullable<IndicatorValueDto['value']>['breakdown']>;

export type ScorecardDto = Outputs['assessment']['scorecard'];

export type IncidentDto = Outputs['incident']['list']['items'][number];
export type IncidentCategory = IncidentDto['category'];
export type IncidentSummaryDto = Outputs['incident']['summary'];
export type IncidentGroupDto = IncidentSummaryDto['groups'][number];

export type ReportTemplateDto = Outputs['report']['templates']['items'][number];
export type ReportPreviewDto = Outputs['report']['preview'];
export type ReportIndicatorDto = ReportPreviewDto['indicators'][number];

/** A grant's stored ADX / DHIS2 exchange mapping (`adx.mapping`), null when none is stored. */
export type ExchangeMappingDto = Outputs['adx']['mapping']['mapping'];
