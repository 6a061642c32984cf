// Contract methods of the accounts domain; merged into `methods` in contract.ts.
export const accountsMethods = {} as const;
