import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import type { PageServerLoad } from './$types';

// Activities are the first module with content; the dashboard takes `/` once it exists.
export const load: PageServerLoad = () => {
  redirect(307, localizeHref('/activites'));
};
