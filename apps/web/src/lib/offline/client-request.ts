import { isUuid } from '$lib/uuid';

/**
 * The client's id for a create, posted by the entry forms (`clientRequestId`, from
 * `crypto.randomUUID()`): passed on to the API, which records the create once under it, however
 * many times the request is sent. Anything but a UUID is ignored.
 */
export function clientRequestIdOf(form: FormData): { clientRequestId?: string } {
  const id = form.get('clientRequestId');
  return typeof id === 'string' && isUuid(id) ? { clientRequestId: id } : {};
}
