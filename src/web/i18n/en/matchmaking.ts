/** Messages of B2B matchmaking and the meeting scheduler (src/web/matchmaking). */
export const matchmakingEn = {} as const;
