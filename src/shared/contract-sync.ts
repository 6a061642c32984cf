// Contract methods of the sync domain; merged into `methods` in contract.ts.
export const syncMethods = {} as const;
