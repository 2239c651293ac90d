/**
 * The accumulator protocol shared by summarize and make-series. Each row has already been mapped
 * to a group id; an accumulator runs one loop over (group id, argument values).
 */
import type { JsValue, Reader } from '../column.js';
import type { ParamType } from '../functions/signature.js';
import type { KqlType } from '../types.js';

export interface AggregateSignature {
  readonly params: readonly ParamType[];
  readonly optional?: number;
  readonly result: KqlType | ((argTypes: readonly KqlType[]) => KqlType);
}

export interface GroupedAccumulator {
  /** Adds n rows; row i belongs to group groups[i], its arguments are args[k](i). */
  add(groups: Int32Array, n: number, args: readonly Reader[]): void;
  /** One value per group 0 .. groupCount-1; a group that received no row gets the empty result. */
  result(groupCount: number): JsValue[];
}

export interface AggregateFunction {
  readonly name: string;
  readonly aliases?: readonly string[];
  /**
   * Default output column name: prefix + '_' + the first argument's column name
   * (count → count_, countif → countif_UrlBlocked). An empty prefix means the bare column
   * name (take_any(x) → x).
   */
  readonly namePrefix: string;
  /** How many argument names the default name joins (covariance(x, y) → covariance_x_y); 1 when absent. */
  readonly nameArgs?: number;
  readonly signatures: readonly AggregateSignature[];
  /** Positions of arguments that must be constants (make_set's size, percentile's p). */
  readonly constantArgs?: readonly number[];
  /** A further check of argument types; returns an error message when they are invalid. */
  readonly check?: (argTypes: readonly KqlType[]) => string | undefined;
  /**
   * New grouped state for one operator. `constants[k]` holds the value of argument k when k is in
   * constantArgs (undefined otherwise); argTypes are the types after resolution.
   */
  create(argTypes: readonly KqlType[], resultType: KqlType, constants: readonly JsValue[]): GroupedAccumulator;
}
