import { messageText, sameText } from '../messages';
import { loadAssessments } from '@jalon/db';
import {
  must,
  compareCycles,
  median,
  rankAssessments,
  roundForOutput,
  scoreAssessment,
  weakestCriteria,
} from '@jalon/domain';
import { z } from 'zod';
import { toTRPCError } from '../errors';
import { organisationProcedure, router } from '../trpc';

const text = z.object({ fr: z.string(), en: z.string() });

export const assessmentRouter = router({
  /**
   * The institutional index of the organisation for a cycle: index, domain scores, rank among the
   * peers assessed in the same cycle (ties share a rank), change since the previous cycle, and
   * the weakest criteria.
   */
  scorecard: organisationProcedure
    .input(
      z
        .object({
          cycle: z.number().int().min(1990).max(2100),
          framework: z.string().min(1).max(60).default('WODI'),
        })
        .strict(),
    )
    .output(
      z.object({
        framework: z.object({ code: z.string(), label: text }),
        organisation: z.string(),
        cycle: z.number(),
        index: z.number(),
        domains: z.array(
          z.object({
            code: z.string(),
            label: text,
            score: z.number().nullable(),
            weight: z.number(),
            /** The median of the other organisations' scores in the cycle (null: none scored). */
            peersMedian: z.number().nullable(),
          }),
        ),
        /** The organisation's index at each cycle it was assessed, oldest first. */
        history: z.array(z.object({ cycle: z.number().int(), index: z.number() })),
        rank: z.number().int(),
        peers: z.array(
          z.object({
            organisation: z.string(),
            name: z.string(),
            index: z.number(),
            rank: z.number().int(),
          }),
        ),
        previous: z.object({ cycle: z.number(), index: z.number(), change: z.number() }).nullable(),
        weakest: z.array(z.object({ code: z.string(), label: text, score: z.number().nullable() })),
      }),
    )
    .query(async ({ ctx, input }) => {
      const notFound = () =>
        toTRPCError({ kind: 'not-found', entity: messageText('entity.assessment') }, ctx.locale);
      const data = await loadAssessments(ctx.db, ctx.organisationId, input.framework);
      if (!data) throw notFound();
      const me = await ctx.db.query.organisation.findFirst({
        where: (o, { eq }) => eq(o.id, ctx.organisationId),
      });
      const subject = me?.code ?? '';
      const score = (cycle: number, organisation: string) => {
        const a = data.assessments.find(
          (x) => x.cycle === String(cycle) && x.organisation === organisation,
        );
        if (!a) return null;
        const s = scoreAssessment(data.framework, a);
        if (!s.ok)
          throw toTRPCError({ kind: 'invalid-input', message: s.error.message }, ctx.locale);
        return s.value;
      };
      const mine = score(input.cycle, subject);
      if (!mine) throw notFound();
      const cycle = data.assessments.filter((a) => a.cycle === String(input.cycle));
      const ranked = rankAssessments(
        cycle.map((a) => ({
          organisation: a.organisation,
          index: must(score(input.cycle, a.organisation), 'the score of an assessed organisation')
            .index,
        })),
      );
      const previousCycle = Math.max(
        -Infinity,
        ...data.assessments
          .filter((a) => a.organisation === subject && Number(a.cycle) < input.cycle)
          .map((a) => Number(a.cycle)),
      );
      const previous = Number.isFinite(previousCycle) ? score(previousCycle, subject) : null;
      const labelOf = (code: string) => {
        for (const d of data.framework.domains) {
          if (d.code === code) return d.label;
          const c = d.criteria.find((x) => x.code === code);
          if (c) return c.label;
        }
        return sameText(code);
      };
      // Indices and scores are percentages: rounded as every percentage leaving the API is
      // (ranks are computed on the unrounded indices).
      const pct = <T extends number | null>(x: T): T => roundForOutput(x, 'percent');
      const peerScores = cycle
        .filter((a) => a.organisation !== subject)
        .map((a) => must(score(input.cycle, a.organisation), 'a peer’s score'));
      const history = [
        ...new Set(
          data.assessments.filter((a) => a.organisation === subject).map((a) => Number(a.cycle)),
        ),
      ]
        .filter((c) => Number.isInteger(c))
        .sort((a, b) => a - b)
        .map((c) => ({ cycle: c, index: pct(must(score(c, subject), 'a cycle’s score').index) }));
      return {
        framework: { code: data.framework.code, label: data.framework.label },
        organisation: subject,
        cycle: input.cycle,
        index: pct(mine.index),
        domains: mine.domains.map((d) => ({
          code: d.code,
          label: labelOf(d.code),
          score: pct(d.score),
          weight: d.weight,
          peersMedian: pct(
            median(
              peerScores
                .map((p) => p.domains.find((x) => x.code === d.code)?.score ?? null)
                .filter((x): x is number => x !== null),
            ),
          ),
        })),
        history,
        rank: must(
          ranked.find((r) => r.organisation === subject),
          'the rank of the assessed organisation',
        ).rank,
        peers: ranked.map((r) => ({
          ...r,
          index: pct(r.index),
          name: must(
            cycle.find((a) => a.organisation === r.organisation),
            'the assessment of a ranked organisation',
          ).subjectName,
        })),
        previous: previous
          ? {
              cycle: previousCycle,
              index: pct(previous.index),
              change: pct(compareCycles(mine, previous).index),
            }
          : null,
        weakest: weakestCriteria(mine, 5).map((c) => ({
          code: c.code,
          label: labelOf(c.code),
          score: pct(c.score),
        })),
      };
    }),
});
