// Contract methods of the grid domain; merged into `methods` in contract.ts.
export const gridMethods = {} as const;
