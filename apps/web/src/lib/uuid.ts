const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a text is a record id (a UUID): route parameters (`[id=uuid]`), ids read from a form
 * or a query string. Checked before asking the API, so that nonsense costs no round trip.
 * @example isUuid('5f1c4d3e-9a7b-4c2d-8e1f-0a1b2c3d4e5f') // true
 */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}
