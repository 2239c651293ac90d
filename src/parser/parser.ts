/**
 * The KQL grammar as a Chevrotain CstParser: grammar only, no values. The CST is turned into the AST by
 * cst-to-ast.ts. One instance, `kqlParser`, is reused for every query.
 *
 * The one exception to "grammar only": operators we recognise but do not implement (`join`, `union`,
 * hints, `let` functions) are refused the moment they are met, because what follows them is their own
 * grammar, which this parser does not know.
 */
import { CstParser, tokenMatcher, type IToken, type TokenType } from 'chevrotain';
import { cover } from './ast.js';
import { errorMessageProvider, notSupported, tokenSpan } from './errors.js';
import * as t from './tokens.js';

const UNSUPPORTED_STATEMENTS: ReadonlySet<string> = new Set(['set', 'declare', 'alias', 'restrict', 'pattern']);

export class KqlParser extends CstParser {
  constructor() {
    super(t.allTokens, { recoveryEnabled: false, maxLookahead: 3, errorMessageProvider });
    this.performSelfAnalysis();
  }

  // -------------------------------------------------------------------------------------------
  // Statements

  /** Statements separated by `;`; empty statements and a trailing `;` are allowed. */
  query = this.RULE('query', () => {
    this.OPTION(() => this.SUBRULE(this.statement));
    this.MANY(() => {
      this.CONSUME(t.Semicolon);
      this.OPTION2(() => this.SUBRULE2(this.statement));
    });
  });

  statement = this.RULE('statement', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        { ALT: () => this.SUBRULE(this.letStatement) },
        { GATE: () => this.startsUnsupportedStatement(), ALT: () => this.SUBRULE(this.unsupportedStatement) },
        { ALT: () => this.SUBRULE(this.expression) },
      ],
    });
  });

  /** `set x = 1;`, `declare query_parameters(...)`, ...: refused by name. */
  unsupportedStatement = this.RULE('unsupportedStatement', () => {
    const keyword = this.CONSUME(t.Identifier);
    this.ACTION(() => this.refuse(`the '${keyword.image}' statement`, keyword));
  });

  /** `let Name = Expr`; a function or view body (`let f = (a:long) { ... }`) is refused. */
  letStatement = this.RULE('letStatement', () => {
    this.CONSUME(t.Let);
    this.SUBRULE(this.name);
    this.CONSUME(t.Equals);
    this.OPTION({
      GATE: () => this.startsFunctionDefinition(),
      DEF: () => {
        const start = this.OR([{ ALT: () => this.CONSUME(t.LParen) }, { ALT: () => this.CONSUME(t.Identifier) }]);
        this.ACTION(() => this.refuse('user-defined functions', start));
      },
    });
    this.SUBRULE(this.expression);
  });

  name = this.RULE('name', () => {
    this.OR({
      ERR_MSG: 'a name',
      DEF: [{ ALT: () => this.CONSUME(t.Identifier) }, { ALT: () => this.CONSUME(t.QuotedIdentifier) }],
    });
  });

  // -------------------------------------------------------------------------------------------
  // Tabular expressions

  /** `Source | op | op`; without a pipe this is just the source, usually a scalar expression. */
  expression = this.RULE('expression', () => {
    this.SUBRULE(this.pipeSource);
    this.MANY(() => {
      this.CONSUME(t.Pipe);
      this.SUBRULE(this.queryOperator);
    });
  });

  /**
   * Source operators are chosen on their keyword alone (so `print` at the end of the query is an
   * incomplete print, not a name): `print (x)` is the operator, not a call of a function `print`, and
   * only `range(` is the range() function.
   */
  pipeSource = this.RULE('pipeSource', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      ERR_MSG: 'an expression',
      DEF: [
        { ALT: () => this.SUBRULE(this.printOperator) },
        { GATE: () => !this.is(2, t.LParen), ALT: () => this.SUBRULE(this.rangeOperator) },
        { ALT: () => this.SUBRULE(this.unsupportedSource) },
        { ALT: () => this.SUBRULE(this.scalarExpr) },
      ],
    });
  });

  printOperator = this.RULE('printOperator', () => {
    this.CONSUME(t.Print);
    this.SUBRULE(this.assignmentList);
  });

  rangeOperator = this.RULE('rangeOperator', () => {
    this.CONSUME(t.Range);
    this.SUBRULE(this.name);
    this.CONSUME(t.From);
    this.SUBRULE(this.scalarExpr);
    this.CONSUME(t.To);
    this.SUBRULE2(this.scalarExpr);
    this.CONSUME(t.Step);
    this.SUBRULE3(this.scalarExpr);
  });

  unsupportedSource = this.RULE('unsupportedSource', () => {
    const keyword = this.CONSUME(t.UnsupportedSourceOperator);
    this.ACTION(() => this.refuse(`the '${keyword.image}' operator`, keyword));
  });

  /**
   * Chosen on the keyword alone, supported operators first (`where` at the end of the query is an
   * incomplete where); any other word after `|` is refused by name.
   */
  queryOperator = this.RULE('queryOperator', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      ERR_MSG: 'a query operator',
      DEF: [
        { ALT: () => this.SUBRULE(this.whereOperator) },
        { ALT: () => this.SUBRULE(this.extendOperator) },
        { ALT: () => this.SUBRULE(this.projectOperator) },
        { ALT: () => this.SUBRULE(this.summarizeOperator) },
        { ALT: () => this.SUBRULE(this.makeSeriesOperator) },
        { ALT: () => this.SUBRULE(this.renderOperator) },
        { ALT: () => this.SUBRULE(this.takeOperator) },
        { ALT: () => this.SUBRULE(this.countOperator) },
        { ALT: () => this.SUBRULE(this.unsupportedOperator) },
      ],
    });
  });

  unsupportedOperator = this.RULE('unsupportedOperator', () => {
    const keyword = this.OR([
      { ALT: () => this.CONSUME(t.Identifier) },
      { ALT: () => this.CONSUME(t.UnsupportedDashedOperator) },
    ]);
    this.ACTION(() => this.refuse(`the '${keyword.image}' operator`, keyword));
  });

  whereOperator = this.RULE('whereOperator', () => {
    this.OR([{ ALT: () => this.CONSUME(t.Where) }, { ALT: () => this.CONSUME(t.Filter) }]);
    this.SUBRULE(this.scalarExpr);
  });

  extendOperator = this.RULE('extendOperator', () => {
    this.CONSUME(t.Extend);
    this.SUBRULE(this.assignmentList);
  });

  projectOperator = this.RULE('projectOperator', () => {
    this.CONSUME(t.Project);
    this.SUBRULE(this.assignmentList);
  });

  /** `summarize aggregates [by keys]` or `summarize by keys`: `by` is a name too, but never an aggregate here. */
  summarizeOperator = this.RULE('summarizeOperator', () => {
    this.CONSUME(t.Summarize);
    this.OPTION({ GATE: () => this.startsHint(), DEF: () => this.SUBRULE(this.hint) });
    this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      ERR_MSG: "an expression or 'by'",
      DEF: [
        {
          GATE: () => !this.is(1, t.By),
          ALT: () => {
            this.SUBRULE(this.assignmentList, { LABEL: 'aggregates' });
            this.OPTION2(() => this.SUBRULE(this.byClause));
          },
        },
        { ALT: () => this.SUBRULE2(this.byClause) },
      ],
    });
  });

  byClause = this.RULE('byClause', () => {
    this.CONSUME(t.By);
    this.SUBRULE(this.assignmentList);
  });

  /** `hint.strategy = shuffle` and the like: refused, naming the hint. */
  hint = this.RULE('hint', () => {
    const first = this.CONSUME(t.Identifier);
    this.CONSUME(t.Dot);
    const last = this.CONSUME2(t.Identifier);
    this.ACTION(() => this.refuse(`the '${first.image}.${last.image}' hint`, first, last));
  });

  makeSeriesOperator = this.RULE('makeSeriesOperator', () => {
    this.CONSUME(t.MakeSeries);
    this.OPTION({
      GATE: () => this.is(1, t.Kind) && this.is(2, t.Equals),
      DEF: () => {
        this.CONSUME(t.Kind);
        this.CONSUME(t.Equals);
        this.CONSUME(t.Identifier, { LABEL: 'seriesKind' });
      },
    });
    this.OPTION2({ GATE: () => this.startsHint(), DEF: () => this.SUBRULE(this.hint) });
    this.SUBRULE(this.seriesAggregate);
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE2(this.seriesAggregate);
    });
    this.CONSUME(t.On);
    // The axis stops before comparisons, so that `on Timestamp in range(...)` is not read as `in (...)`.
    this.SUBRULE(this.additiveExpr);
    this.OR([{ ALT: () => this.SUBRULE(this.seriesRange) }, { ALT: () => this.SUBRULE(this.seriesFromToStep) }]);
    this.OPTION3(() => this.SUBRULE(this.byClause));
  });

  seriesAggregate = this.RULE('seriesAggregate', () => {
    this.SUBRULE(this.assignment);
    this.OPTION(() => {
      this.CONSUME(t.Default);
      this.CONSUME(t.Equals);
      this.SUBRULE(this.scalarExpr);
    });
  });

  /** `in range(start, stop, step)`. */
  seriesRange = this.RULE('seriesRange', () => {
    this.CONSUME(t.In);
    this.CONSUME(t.Range);
    this.CONSUME(t.LParen);
    this.SUBRULE(this.scalarExpr);
    this.CONSUME(t.Comma);
    this.SUBRULE2(this.scalarExpr);
    this.CONSUME2(t.Comma);
    this.SUBRULE3(this.scalarExpr);
    this.CONSUME(t.RParen);
  });

  /** `[from start] [to end] step step`. */
  seriesFromToStep = this.RULE('seriesFromToStep', () => {
    this.OPTION(() => {
      this.CONSUME(t.From);
      this.SUBRULE(this.scalarExpr, { LABEL: 'from' });
    });
    this.OPTION2(() => {
      this.CONSUME(t.To);
      this.SUBRULE2(this.scalarExpr, { LABEL: 'to' });
    });
    this.CONSUME(t.Step);
    this.SUBRULE3(this.scalarExpr, { LABEL: 'step' });
  });

  renderOperator = this.RULE('renderOperator', () => {
    this.CONSUME(t.Render);
    this.CONSUME(t.Identifier);
    this.OPTION(() => {
      this.CONSUME(t.With);
      this.CONSUME(t.LParen);
      this.SUBRULE(this.renderProperty);
      this.MANY(() => {
        this.CONSUME(t.Comma);
        this.SUBRULE2(this.renderProperty);
      });
      this.CONSUME(t.RParen);
    });
  });

  /** `name = value [, value ...]`: after a comma, `name =` starts the next property instead. */
  renderProperty = this.RULE('renderProperty', () => {
    this.CONSUME(t.Identifier);
    this.CONSUME(t.Equals);
    this.SUBRULE(this.scalarExpr);
    this.MANY({
      GATE: () => !(this.is(2, t.Identifier) && this.is(3, t.Equals)),
      DEF: () => {
        this.CONSUME(t.Comma);
        this.SUBRULE2(this.scalarExpr);
      },
    });
  });

  takeOperator = this.RULE('takeOperator', () => {
    this.OR([{ ALT: () => this.CONSUME(t.Take) }, { ALT: () => this.CONSUME(t.Limit) }]);
    this.SUBRULE(this.scalarExpr);
  });

  countOperator = this.RULE('countOperator', () => {
    this.CONSUME(t.Count);
  });

  assignmentList = this.RULE('assignmentList', () => {
    this.SUBRULE(this.assignment);
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE2(this.assignment);
    });
  });

  /** `Name = expr` or `expr`. */
  assignment = this.RULE('assignment', () => {
    this.OPTION(() => {
      this.SUBRULE(this.name);
      this.CONSUME(t.Equals);
    });
    this.SUBRULE(this.scalarExpr);
  });

  // -------------------------------------------------------------------------------------------
  // Scalar expressions, loosest first

  scalarExpr = this.RULE('scalarExpr', () => {
    this.SUBRULE(this.andExpr);
    this.MANY(() => {
      this.CONSUME(t.Or);
      this.SUBRULE2(this.andExpr);
    });
  });

  andExpr = this.RULE('andExpr', () => {
    this.SUBRULE(this.comparison);
    this.MANY(() => {
      this.CONSUME(t.And);
      this.SUBRULE2(this.comparison);
    });
  });

  /** Comparison and string operators do not chain: `a == b == c` is an error. */
  comparison = this.RULE('comparison', () => {
    this.SUBRULE(this.additiveExpr);
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(t.ComparisonOp);
            this.SUBRULE2(this.additiveExpr);
          },
        },
        {
          ALT: () => {
            this.CONSUME(t.Matches);
            this.CONSUME(t.Regex);
            this.SUBRULE3(this.additiveExpr);
          },
        },
        {
          ALT: () => {
            this.CONSUME(t.ListOp);
            this.SUBRULE(this.listItems);
          },
        },
        {
          ALT: () => {
            this.CONSUME(t.BetweenOp);
            this.SUBRULE(this.betweenRange);
          },
        },
      ]);
    });
  });

  /** `(a, b, ...)`; items may be tabular: `in (T | project c)`. */
  listItems = this.RULE('listItems', () => {
    this.CONSUME(t.LParen);
    this.SUBRULE(this.expression);
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE2(this.expression);
    });
    this.CONSUME(t.RParen);
  });

  betweenRange = this.RULE('betweenRange', () => {
    this.CONSUME(t.LParen);
    this.SUBRULE(this.additiveExpr);
    this.CONSUME(t.DotDot);
    this.SUBRULE2(this.additiveExpr);
    this.CONSUME(t.RParen);
  });

  additiveExpr = this.RULE('additiveExpr', () => {
    this.SUBRULE(this.multiplicativeExpr);
    this.MANY(() => {
      this.CONSUME(t.AdditiveOp);
      this.SUBRULE2(this.multiplicativeExpr);
    });
  });

  multiplicativeExpr = this.RULE('multiplicativeExpr', () => {
    this.SUBRULE(this.unaryExpr);
    this.MANY(() => {
      this.CONSUME(t.MultiplicativeOp);
      this.SUBRULE2(this.unaryExpr);
    });
  });

  unaryExpr = this.RULE('unaryExpr', () => {
    this.OR({
      ERR_MSG: 'an expression',
      DEF: [
        {
          ALT: () => {
            this.CONSUME(t.AdditiveOp);
            this.SUBRULE(this.unaryExpr);
          },
        },
        { ALT: () => this.SUBRULE(this.postfixExpr) },
      ],
    });
  });

  postfixExpr = this.RULE('postfixExpr', () => {
    this.SUBRULE(this.primary);
    this.MANY(() => this.SUBRULE(this.accessor));
  });

  /** `.name`, `[index]`, or `["key"]` (lexed as a quoted name). */
  accessor = this.RULE('accessor', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Dot);
          this.CONSUME(t.Identifier);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.LBracket);
          this.SUBRULE(this.scalarExpr);
          this.CONSUME(t.RBracket);
        },
      },
      { ALT: () => this.CONSUME(t.QuotedIdentifier) },
    ]);
  });

  primary = this.RULE('primary', () => {
    this.OR({
      ERR_MSG: 'an expression',
      DEF: [
        { ALT: () => this.SUBRULE(this.literal) },
        { ALT: () => this.SUBRULE(this.call) },
        { ALT: () => this.SUBRULE(this.name) },
        { ALT: () => this.SUBRULE(this.parenExpr) },
      ],
    });
  });

  parenExpr = this.RULE('parenExpr', () => {
    this.CONSUME(t.LParen);
    this.SUBRULE(this.expression);
    this.CONSUME(t.RParen);
  });

  call = this.RULE('call', () => {
    this.CONSUME(t.Identifier);
    this.CONSUME(t.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.argument);
      this.MANY(() => {
        this.CONSUME(t.Comma);
        this.SUBRULE2(this.argument);
      });
    });
    this.CONSUME(t.RParen);
  });

  /** `*` as in `arg_max(x, *)`, or an expression, which may be tabular: `toscalar(T | count)`. */
  argument = this.RULE('argument', () => {
    this.OR({
      ERR_MSG: 'an expression',
      DEF: [{ ALT: () => this.CONSUME(t.Star) }, { ALT: () => this.SUBRULE(this.expression) }],
    });
  });

  literal = this.RULE('literal', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.StringLiteral) },
      { ALT: () => this.CONSUME(t.LongLiteral) },
      { ALT: () => this.CONSUME(t.RealLiteral) },
      { ALT: () => this.CONSUME(t.TimespanLiteral) },
      { ALT: () => this.CONSUME(t.BoolLiteral) },
      { ALT: () => this.CONSUME(t.TypedLiteral) },
      { ALT: () => this.SUBRULE(this.dynamicLiteral) },
    ]);
  });

  // -------------------------------------------------------------------------------------------
  // dynamic(...) literals: JSON-like values

  dynamicLiteral = this.RULE('dynamicLiteral', () => {
    this.CONSUME(t.DynamicOpen);
    this.SUBRULE(this.dynamicValue);
    this.CONSUME(t.RParen);
  });

  dynamicValue = this.RULE('dynamicValue', () => {
    this.OR({
      ERR_MSG: 'a dynamic value',
      DEF: [
        { ALT: () => this.CONSUME(t.Null) },
        { ALT: () => this.CONSUME(t.BoolLiteral) },
        { ALT: () => this.CONSUME(t.StringLiteral) },
        { ALT: () => this.SUBRULE(this.dynamicNumber) },
        { ALT: () => this.SUBRULE(this.dynamicArray) },
        { ALT: () => this.SUBRULE(this.dynamicObject) },
        { ALT: () => this.SUBRULE(this.dynamicLiteral) },
        // `['a']` is lexed as a quoted name; here it is an array of one string.
        { ALT: () => this.CONSUME(t.QuotedIdentifier) },
      ],
    });
  });

  dynamicNumber = this.RULE('dynamicNumber', () => {
    this.OPTION(() => this.CONSUME(t.AdditiveOp));
    this.OR([{ ALT: () => this.CONSUME(t.LongLiteral) }, { ALT: () => this.CONSUME(t.RealLiteral) }]);
  });

  dynamicArray = this.RULE('dynamicArray', () => {
    this.CONSUME(t.LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.dynamicValue);
      this.MANY(() => {
        this.CONSUME(t.Comma);
        this.SUBRULE2(this.dynamicValue);
      });
    });
    this.CONSUME(t.RBracket);
  });

  dynamicObject = this.RULE('dynamicObject', () => {
    this.CONSUME(t.LBrace);
    this.OPTION(() => {
      this.SUBRULE(this.dynamicProperty);
      this.MANY(() => {
        this.CONSUME(t.Comma);
        this.SUBRULE2(this.dynamicProperty);
      });
    });
    this.CONSUME(t.RBrace);
  });

  dynamicProperty = this.RULE('dynamicProperty', () => {
    this.CONSUME(t.StringLiteral);
    this.CONSUME(t.Colon);
    this.SUBRULE(this.dynamicValue);
  });

  // -------------------------------------------------------------------------------------------
  // Lookahead helpers for the GATEs above

  private is(offset: number, type: TokenType): boolean {
    return tokenMatcher(this.LA(offset), type);
  }

  /** `(` then `)` or `name :`: the parameter list of `let f = (a:long) { ... }` or `let v = view () { ... }`. */
  private startsFunctionDefinition(): boolean {
    const open = this.LA(1).image === 'view' ? 2 : 1;
    return (
      this.is(open, t.LParen) &&
      (this.is(open + 1, t.RParen) || (this.is(open + 1, t.Identifier) && this.is(open + 2, t.Colon)))
    );
  }

  /** A statement keyword followed by a name; `set | count` would still be a table named `set`. */
  private startsUnsupportedStatement(): boolean {
    return UNSUPPORTED_STATEMENTS.has(this.LA(1).image) && this.is(2, t.Identifier);
  }

  private startsHint(): boolean {
    return this.LA(1).image === 'hint' && this.is(2, t.Dot);
  }

  private refuse(what: string, first: IToken, last = first): never {
    throw notSupported(what, cover(tokenSpan(first), tokenSpan(last)));
  }
}

/** The one parser instance: building one analyses the grammar, which costs far more than a parse. */
export const kqlParser = new KqlParser();
