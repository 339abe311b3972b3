// The billing domain's entry: the plans and their limits (plans.ts) and the plan's history window
// (history.ts), which reads the plans, so both sit below this file and neither imports it.
export * from './plans';
export * from './history';
