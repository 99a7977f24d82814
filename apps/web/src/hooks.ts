import type { Reroute } from '@sveltejs/kit';
import { deLocalizeUrl } from '$lib/paraglide/runtime';

// `/en/activities` is served by the route `/activites`.
export const reroute: Reroute = (request) => deLocalizeUrl(request.url).pathname;
