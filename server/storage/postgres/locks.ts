/** The advisory lock numbers Samla takes in its database (any fixed numbers, apart from each other). */
export const MIGRATION_LOCK = 7_311_942;
/** Held by the one server that uses the database (sole-server.ts). */
export const SOLE_SERVER_LOCK = 7_311_943;
/** Shared by each fenced write for its transaction; taken alone once by a server that has just claimed the database (fence.ts). */
export const WRITE_BARRIER_LOCK = 7_311_944;
/** With a random token of each claim's as the second key: held while that claim holds (fence.ts). */
export const CLAIM_TOKEN_LOCKS = 7_311_945;
