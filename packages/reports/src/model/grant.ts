import { z } from 'zod';
import { calendarDateSchema, localizedTextSchema } from './common';

/** An organisation as IATI names it: a registered reference and an organisation-type code. */
export const iatiOrgSchema = z.object({
  ref: z.string().min(1).optional(),
  /** IATI OrganisationType code (10 government, 21 international NGO, 22 national NGO, 40 multilateral…). */
  type: z.string().min(1).optional(),
  name: localizedTextSchema,
});

/** The reporting organisation (a tenant). */
export const organisationSchema = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  country: z.string().length(2),
  iati: z.object({ ref: z.string().min(1), type: z.string().min(1) }).optional(),
});

/** {@link organisationSchema} as a type. */
export type Organisation = z.infer<typeof organisationSchema>;

/** IATI identifiers and links of a grant. */
export const grantIatiSchema = z.object({
  activityIdentifier: z.string().min(1),
  /** IATI ActivityStatus code: 1 pipeline, 2 implementation, 3 finalisation, 4 closed. */
  activityStatus: z.string().default('2'),
  participatingOrgs: z
    .array(
      iatiOrgSchema.extend({
        /** IATI OrganisationRole: 1 funding, 2 accountable, 3 extending, 4 implementing. */
        role: z.enum(['1', '2', '3', '4']),
        activityId: z.string().optional(),
      }),
    )
    .min(1),
  recipientCountries: z.array(z.string().length(2)).default([]),
  /** DAC 5-digit sector codes (15220 civilian peace-building, 15210 security system management). */
  sectors: z.array(z.string()).default([]),
  /** The funder's activity identifier, carried on incoming funds as `provider-activity-id`. */
  providerActivityId: z.string().optional(),
  incomingFunds: z
    .array(z.object({ date: calendarDateSchema, value: z.number().finite() }))
    .default([]),
});

/** A grant: who funds what, from when to when, in which currency and calendar. */
export const grantSchema = z
  .object({
    code: z.string().min(1),
    title: localizedTextSchema,
    donor: z.object({
      code: z.string().min(1),
      name: z.string().min(1),
      iati: iatiOrgSchema.optional(),
    }),
    start: calendarDateSchema,
    end: calendarDateSchema,
    currency: z.string().length(3),
    totalAmount: z.number().finite().nullable(),
    fiscalYearStartMonth: z.number().int().min(1).max(12),
    programmeCodes: z.array(z.string()).default([]),
    /** The UNDP progress-report header. */
    undp: z
      .object({
        businessUnit: z.string(),
        awardId: z.string(),
        projectId: z.string().optional(),
        implementingPartner: z.string(),
      })
      .optional(),
    iati: grantIatiSchema.optional(),
  })
  .refine((g) => g.start <= g.end, { message: 'the grant ends before it starts', path: ['end'] });

/** {@link grantSchema} as a type. */
export type Grant = z.infer<typeof grantSchema>;
