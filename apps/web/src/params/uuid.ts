import type { ParamMatcher } from '@sveltejs/kit';
import { isUuid } from '$lib/uuid';

/** `[id=uuid]`: a path whose id is not a record id is a 404 before any load asks the API. */
export const match: ParamMatcher = (param) => isUuid(param);
