/** Descriptions several fields share. */
export const IDEMPOTENCY_KEY =
  'A key of your choice (1 to 200 characters): a retry with the same key and the same request returns what the first one created, never a second one; a different request under a used key is refused. Keys are kept 7 days.';
