import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import type { PageServerLoad } from './$types';

// The dashboard is the front page: the quarter's figures, each leading to its facts.
export const load: PageServerLoad = () => {
  redirect(307, localizeHref('/tableau-de-bord'));
};
