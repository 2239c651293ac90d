export type { QueryResult } from '../../engine/execute.js';
export type { Visualization } from '../../engine/plan.js';
