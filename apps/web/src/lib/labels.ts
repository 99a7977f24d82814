import type { ActivityDto } from '$lib/api-types';
import { m } from '$lib/paraglide/messages';

/** Words for the API's enumerations. Keyed by the API's codes, so a new code is a type error here. */
export const activityTypeLabels = {
  training: m.type_training,
  workshop: m.type_workshop,
  webinar: m.type_webinar,
  dialogue: m.type_dialogue,
  awareness: m.type_awareness,
  lobbying: m.type_lobbying,
  meeting: m.type_meeting,
  research: m.type_research,
  conference: m.type_conference,
  ceremony: m.type_ceremony,
} satisfies Record<ActivityDto['type'], () => string>;

export const activityRoleLabels = {
  organiser: m.role_organiser,
  'co-organiser': m.role_co_organiser,
  participant: m.role_participant,
} satisfies Record<ActivityDto['role'], () => string>;
