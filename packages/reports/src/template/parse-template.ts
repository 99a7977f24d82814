import { err, ok, type Result } from '@jalon/domain';
import { formatIssues, type FieldIssue } from '../model/issues';
import { reportTemplateSchema, type ReportTemplate } from './template-schema';

/** Why a template was refused: one message per broken field. */
export type TemplateError = { code: 'invalid-template' | 'invalid-json'; issues: FieldIssue[] };

/**
 * Validates a template given as parsed JSON or as JSON text, with messages that point at the field.
 * @example parseTemplate({ id: 'Bad Id', … }) // { ok: false, error: { code: 'invalid-template', issues: [{ path: 'id', message: 'expected a kebab-case id …' }] } }
 */
export function parseTemplate(input: unknown): Result<ReportTemplate, TemplateError> {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (e) {
      return err({
        code: 'invalid-json',
        issues: [{ path: '(root)', message: (e as Error).message }],
      });
    }
  }
  const parsed = reportTemplateSchema.safeParse(value);
  if (!parsed.success)
    return err({ code: 'invalid-template', issues: formatIssues(parsed.error.issues) });
  return ok(parsed.data);
}
