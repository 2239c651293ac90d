/**
 * The KQL grammar as a Chevrotain CstParser: grammar only, no values. The CST is turned into the AST by
 * cst-to-ast.ts. One instance, `kqlParser`, is reused for every query.
 *
 * The one exception to "grammar only": operators we recognise but do not implement (`parse`, `evaluate`,
 * most hints, ...) are refused the moment they are met, because what follows them is their own grammar,
 * which this parser does not know. Operator parameters whose value is a word from a fixed list
 * (`kind=inner`) are checked the moment they are met too, so that the first error in the text wins.
 */
import { CstParser, EOF, tokenMatcher, type IToken, type TokenType } from 'chevrotain';
import { KqlSyntaxError } from '../engine/errors.js';
import { cover } from './ast.js';
import type * as cst from './cst.js';
import { errorMessageProvider, notSupported, tokenSpan } from './errors.js';
import * as t from './tokens.js';

const UNSUPPORTED_STATEMENTS: ReadonlySet<string> = new Set(['set', 'declare', 'alias', 'restrict', 'pattern']);

/**
 * The `name=value` parameters an operator takes: each name's allowed values (words), or what kind of
 * value it takes. `hints` are the `hint.x` names accepted (and dropped by the AST); others are refused.
 */
interface ParameterSpec {
  readonly params: Readonly<Record<string, readonly string[] | 'name' | 'bool'>>;
  readonly hints?: ReadonlySet<string>;
}

const JOIN_KINDS = [
  'innerunique', 'inner', 'leftouter', 'rightouter', 'fullouter', 'leftanti', 'rightanti', 'leftsemi', 'rightsemi',
  'anti', 'leftantisemi', 'rightantisemi', 'semi',
] as const;

const JOIN_PARAMETERS: ParameterSpec = {
  params: { kind: JOIN_KINDS },
  hints: new Set(['strategy', 'shufflekey', 'remote']),
};
const LOOKUP_PARAMETERS: ParameterSpec = { params: { kind: ['leftouter', 'inner'] } };
const UNION_PARAMETERS: ParameterSpec = { params: { kind: ['inner', 'outer'], withsource: 'name', isfuzzy: 'bool' } };
/** `kind=` is the older spelling of `bagexpansion=`. */
const MV_EXPAND_PARAMETERS: ParameterSpec = {
  params: { bagexpansion: ['bag', 'array'], kind: ['bag', 'array'], with_itemindex: 'name' },
};
/** `flags=` takes regex flags (a word such as `Us`); whether they fit the kind is checked when binding. */
const SCAN_PARAMETERS: ParameterSpec = { params: { with_match_id: 'name' } };
const PARSE_PARAMETERS: ParameterSpec = { params: { kind: ['simple', 'regex', 'relaxed'], flags: 'name' } };
/** The `evaluate` plugins the engine implements (src/operators/evaluate.ts). */
const EVALUATE_PLUGINS: ReadonlySet<string> = new Set(['rows_near', 'ipv4_lookup', 'ipv6_lookup', 'bag_unpack']);
const AS_PARAMETERS: ParameterSpec = { params: {}, hints: new Set(['materialized']) };

export class KqlParser extends CstParser {
  /**
   * `validate` checks the grammar (ambiguities, left recursion) while analysing it: a test does, with the
   * same grammar, so the CLI skips it at each start.
   */
  constructor(validate = false) {
    super(t.allTokens, { recoveryEnabled: false, maxLookahead: 3, errorMessageProvider, skipValidations: !validate });
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

  /** `let Name = Expr`, or a function or view: `let f = (a:long) { ... }`, `let v = view () { ... }`. */
  letStatement = this.RULE('letStatement', () => {
    this.CONSUME(t.Let);
    this.SUBRULE(this.name);
    this.CONSUME(t.Equals);
    // The gate alone decides, so that a malformed parameter list is reported inside it.
    this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        { GATE: () => this.startsFunctionDefinition(), ALT: () => this.SUBRULE(this.lambda) },
        { ALT: () => this.SUBRULE(this.expression) },
      ],
    });
  });

  /** `[view] (params) { let ...; body }`: the body's let statements, then one expression; `;` may end each. */
  lambda = this.RULE('lambda', () => {
    this.OPTION(() => this.CONSUME(t.View));
    this.CONSUME(t.LParen);
    this.OPTION2(() => {
      this.SUBRULE(this.lambdaParam);
      this.MANY(() => {
        this.CONSUME(t.Comma);
        this.SUBRULE2(this.lambdaParam);
      });
    });
    this.CONSUME(t.RParen);
    this.CONSUME(t.LBrace);
    this.MANY2(() => this.CONSUME(t.Semicolon));
    this.MANY3(() => {
      this.SUBRULE(this.letStatement);
      this.AT_LEAST_ONE(() => this.CONSUME2(t.Semicolon));
    });
    this.SUBRULE(this.expression);
    this.MANY4(() => this.CONSUME3(t.Semicolon));
    this.CONSUME(t.RBrace);
  });

  /** `name: type [= default]`, or a table: `T: (*)`, `T: (a: long, b: string)`. */
  lambdaParam = this.RULE('lambdaParam', () => {
    this.SUBRULE(this.name);
    this.CONSUME(t.Colon);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.LParen);
          this.OR2([
            { ALT: () => this.CONSUME(t.Star) },
            { ALT: () => this.SUBRULE(this.columnDeclarations) },
          ]);
          this.CONSUME(t.RParen);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Identifier, { LABEL: 'typeName' });
          this.OPTION(() => {
            this.CONSUME(t.Equals);
            this.SUBRULE(this.scalarExpr);
          });
        },
      },
    ]);
  });

  /** `a: long, b: string`, as in datatable and tabular parameters. */
  columnDeclarations = this.RULE('columnDeclarations', () => {
    this.SUBRULE(this.columnDeclaration);
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE2(this.columnDeclaration);
    });
  });

  columnDeclaration = this.RULE('columnDeclaration', () => {
    this.SUBRULE(this.name);
    this.CONSUME(t.Colon);
    this.CONSUME(t.Identifier, { LABEL: 'typeName' });
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
        { ALT: () => this.SUBRULE(this.datatableOperator) },
        { ALT: () => this.SUBRULE(this.unionOperator) },
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

  /** `datatable (a:long, b:string) [1, "x", 2, "y"]`; a trailing comma is allowed. */
  datatableOperator = this.RULE('datatableOperator', () => {
    this.CONSUME(t.Datatable);
    this.CONSUME(t.LParen);
    this.SUBRULE(this.columnDeclarations);
    this.CONSUME(t.RParen);
    this.OR({
      ERR_MSG: "'['",
      DEF: [
        {
          ALT: () => {
            this.CONSUME(t.LBracket);
            this.OR2({
              ERR_MSG: "a literal or ']'",
              DEF: [
                { ALT: () => this.CONSUME(t.RBracket) },
                {
                  ALT: () => {
                    this.SUBRULE(this.datatableValue);
                    this.MANY(() => {
                      this.CONSUME(t.Comma);
                      this.SUBRULE2(this.datatableValue);
                    });
                    this.OPTION(() => this.CONSUME2(t.Comma));
                    this.CONSUME2(t.RBracket);
                  },
                },
              ],
            });
          },
        },
        // `['a']` is lexed as a quoted name; here it is one string value.
        { ALT: () => this.CONSUME(t.QuotedIdentifier) },
      ],
    });
  });

  /** A literal, possibly signed: `-1`, `datetime(2020-01-01)`, `dynamic({"a": 1})`. */
  datatableValue = this.RULE('datatableValue', () => {
    this.OPTION(() => this.CONSUME(t.AdditiveOp));
    this.OR({ ERR_MSG: 'a literal', DEF: [{ ALT: () => this.SUBRULE(this.literal) }] });
  });

  /**
   * `union [kind=inner|outer] [withsource=Name] [isfuzzy=true|false] T, (U | ...)`, both as a source and
   * after `|`. Operands are names, calls or parenthesised expressions; what follows the last operand
   * (`| ...`) applies to the whole union.
   */
  unionOperator = this.RULE('unionOperator', () => {
    this.CONSUME(t.Union);
    this.SUBRULE(this.operatorParameters, { ARGS: [UNION_PARAMETERS] });
    this.SUBRULE(this.unionOperand);
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE2(this.unionOperand);
    });
  });

  unionOperand = this.RULE('unionOperand', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      ERR_MSG: 'a table',
      DEF: [
        { GATE: () => this.startsWildcardName(), ALT: () => this.SUBRULE(this.wildcardTableName) },
        { ALT: () => this.SUBRULE(this.tabularOperand) },
      ],
    });
  });

  /** `Email*`, `*Events`: refused (the tables a wildcard matches are not known). */
  wildcardTableName = this.RULE('wildcardTableName', () => {
    const first = this.OR([{ ALT: () => this.CONSUME(t.Star) }, { ALT: () => this.CONSUME(t.Identifier) }]);
    this.ACTION(() => {
      const last = this.adjacentRun(first);
      const text = [first, ...this.tokensUpTo(last)].map((token) => token.image).join('');
      this.refuse(`wildcard table names ('${text}')`, first, last);
    });
  });

  /** The right side of join and lookup, an operand of union: `T`, `f(x)` or `(T | ...)`. */
  tabularOperand = this.RULE('tabularOperand', () => {
    this.OR({
      ERR_MSG: 'a table',
      DEF: [
        { ALT: () => this.SUBRULE(this.parenExpr) },
        { ALT: () => this.SUBRULE(this.call) },
        { ALT: () => this.SUBRULE(this.name) },
      ],
    });
  });

  unsupportedSource = this.RULE('unsupportedSource', () => {
    const keyword = this.CONSUME(t.UnsupportedSourceOperator);
    this.ACTION(() => {
      const what = `the '${keyword.image}' operator`;
      if (keyword.image !== 'externaldata') this.refuse(what, keyword);
      this.refuse(
        `${what} (it reads from the network). Load the file with -t Name=PATH and query it as a table instead`,
        keyword,
      );
    });
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
        { ALT: () => this.SUBRULE(this.serializeOperator) },
        { ALT: () => this.SUBRULE(this.getSchemaOperator) },
        { ALT: () => this.SUBRULE(this.scanOperator) },
        { ALT: () => this.SUBRULE(this.parseOperator) },
        { ALT: () => this.SUBRULE(this.evaluateOperator) },
        { ALT: () => this.SUBRULE(this.projectOperator) },
        { ALT: () => this.SUBRULE(this.summarizeOperator) },
        { ALT: () => this.SUBRULE(this.makeSeriesOperator) },
        { ALT: () => this.SUBRULE(this.renderOperator) },
        { ALT: () => this.SUBRULE(this.takeOperator) },
        { ALT: () => this.SUBRULE(this.countOperator) },
        { ALT: () => this.SUBRULE(this.sortOperator) },
        { ALT: () => this.SUBRULE(this.topOperator) },
        { ALT: () => this.SUBRULE(this.distinctOperator) },
        { ALT: () => this.SUBRULE(this.projectColumnsOperator) },
        { ALT: () => this.SUBRULE(this.projectRenameOperator) },
        { ALT: () => this.SUBRULE(this.joinOperator) },
        { ALT: () => this.SUBRULE(this.lookupOperator) },
        { ALT: () => this.SUBRULE(this.unionOperator) },
        { ALT: () => this.SUBRULE(this.mvExpandOperator) },
        { ALT: () => this.SUBRULE(this.mvApplyOperator) },
        { ALT: () => this.SUBRULE(this.asOperator) },
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

  /** `serialize [Name = Expr, ...]`: marks the rows as ordered; the assignments work as in extend. */
  serializeOperator = this.RULE('serializeOperator', () => {
    this.CONSUME(t.Serialize);
    this.OPTION(() => this.SUBRULE(this.assignmentList));
  });

  /** `getschema`: the input's columns as rows. */
  getSchemaOperator = this.RULE('getSchemaOperator', () => {
    this.CONSUME(t.GetSchema);
  });

  /**
   * `scan [with_match_id=Name] [declare (Name:type [= value], ...)] with (step ...; ...)`: `declare`
   * and `output` are words, not keywords.
   */
  scanOperator = this.RULE('scanOperator', () => {
    this.CONSUME(t.Scan);
    this.SUBRULE(this.operatorParameters, { ARGS: [SCAN_PARAMETERS] });
    this.OPTION({
      GATE: () => this.LA(1).image === 'declare',
      DEF: () => {
        this.CONSUME(t.Identifier, { LABEL: 'declare' });
        this.CONSUME(t.LParen);
        this.SUBRULE(this.scanDeclaration);
        this.MANY(() => {
          this.CONSUME(t.Comma);
          this.SUBRULE2(this.scanDeclaration);
        });
        this.CONSUME(t.RParen);
      },
    });
    this.CONSUME(t.With);
    this.CONSUME2(t.LParen);
    this.AT_LEAST_ONE(() => this.SUBRULE(this.scanStep));
    this.CONSUME2(t.RParen);
  });

  /** `Name:type [= value]`. */
  scanDeclaration = this.RULE('scanDeclaration', () => {
    this.SUBRULE(this.name);
    this.CONSUME(t.Colon);
    this.CONSUME(t.Identifier, { LABEL: 'typeName' });
    this.OPTION(() => {
      this.CONSUME(t.Equals);
      this.SUBRULE(this.scalarExpr);
    });
  });

  /** `step Name [output=all|last|none]: condition [=> Column = expr, ...];`. */
  scanStep = this.RULE('scanStep', () => {
    this.CONSUME(t.Step);
    this.SUBRULE(this.name);
    this.OPTION({
      GATE: () => this.LA(1).image === 'output' && this.is(2, t.Equals),
      DEF: () => {
        this.CONSUME(t.Identifier, { LABEL: 'output' });
        this.CONSUME(t.Equals);
        this.CONSUME2(t.Identifier, { LABEL: 'outputValue' });
      },
    });
    this.CONSUME(t.Colon);
    this.SUBRULE(this.scalarExpr);
    this.OPTION2(() => {
      this.CONSUME(t.FatArrow);
      this.SUBRULE(this.assignmentList);
    });
    this.CONSUME(t.Semicolon);
  });

  /** `parse [kind=…] [flags=…] expr with [*] "text" Name[:type] …`, and parse-where with the same pattern. */
  parseOperator = this.RULE('parseOperator', () => {
    this.OR([{ ALT: () => this.CONSUME(t.Parse) }, { ALT: () => this.CONSUME(t.ParseWhere) }]);
    this.SUBRULE(this.operatorParameters, { ARGS: [PARSE_PARAMETERS] });
    this.SUBRULE(this.scalarExpr);
    this.CONSUME(t.With);
    this.AT_LEAST_ONE(() => this.SUBRULE(this.parsePart));
  });

  /** `evaluate plugin(arg, name = arg, ...)`; which plugins exist is decided when binding. */
  evaluateOperator = this.RULE('evaluateOperator', () => {
    this.CONSUME(t.Evaluate);
    this.MANY({ GATE: () => this.startsHint(), DEF: () => this.SUBRULE(this.hint) });
    const plugin = this.CONSUME(t.Identifier, { LABEL: 'plugin' });
    // Refused the moment it is met, like other operators we do not implement (their arguments are their own).
    this.ACTION(() => {
      if (!EVALUATE_PLUGINS.has(plugin.image)) this.refuse(`the plugin '${plugin.image}'`, plugin);
    });
    this.CONSUME(t.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.evaluateArgument);
      this.MANY2(() => {
        this.CONSUME(t.Comma);
        this.SUBRULE2(this.evaluateArgument);
      });
    });
    this.CONSUME(t.RParen);
    this.OPTION2(() => {
      const colon = this.CONSUME(t.Colon);
      this.ACTION(() => this.refuse(`the output schema of 'evaluate ${plugin.image}'`, colon));
    });
  });

  evaluateArgument = this.RULE('evaluateArgument', () => {
    this.OPTION({
      GATE: () => this.is(1, t.Identifier) && this.is(2, t.Equals),
      DEF: () => {
        this.CONSUME(t.Identifier, { LABEL: 'argName' });
        this.CONSUME(t.Equals);
      },
    });
    this.SUBRULE(this.scalarExpr);
  });

  /** One element of a parse pattern: `*`, a string, or a column with an optional type. */
  parsePart = this.RULE('parsePart', () => {
    this.OR({
      ERR_MSG: "'*', a string or a column name",
      DEF: [
        { ALT: () => this.CONSUME(t.Star) },
        { ALT: () => this.CONSUME(t.StringLiteral) },
        {
          ALT: () => {
            this.SUBRULE(this.name);
            this.OPTION(() => {
              this.CONSUME(t.Colon);
              this.CONSUME(t.Identifier, { LABEL: 'typeName' });
            });
          },
        },
      ],
    });
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

  /** `hint.strategy = shuffle` and the like: refused, naming the hint, unless `accepted` lists it. */
  hint = this.RULE('hint', (accepted?: ReadonlySet<string>) => {
    const first = this.CONSUME(t.Identifier);
    this.CONSUME(t.Dot);
    const last = this.CONSUME2(t.Identifier);
    this.ACTION(() => {
      if (!accepted?.has(last.image)) this.refuse(`the '${first.image}.${last.image}' hint`, first, last);
    });
    this.CONSUME(t.Equals);
    this.OR([
      { ALT: () => this.CONSUME3(t.Identifier) },
      { ALT: () => this.CONSUME(t.BoolLiteral) },
      { ALT: () => this.CONSUME(t.StringLiteral) },
      { ALT: () => this.CONSUME(t.LongLiteral) },
    ]);
  });

  /** `name=value` parameters and hints before an operator's operands, in any order, each at most once. */
  operatorParameters = this.RULE('operatorParameters', (spec?: ParameterSpec) => {
    const seen = new Set<string>();
    this.MANY({
      GATE: () => this.startsHint() || (Object.hasOwn(spec!.params, this.LA(1).image) && this.is(2, t.Equals)),
      DEF: () => {
        this.OR([
          { ALT: () => this.SUBRULE(this.hint, { ARGS: [spec?.hints] }) },
          {
            ALT: () => {
              const key = this.CONSUME(t.Identifier, { LABEL: 'key' });
              this.ACTION(() => {
                if (seen.has(key.image)) throw new KqlSyntaxError(`Unexpected '${key.image}'.`, tokenSpan(key));
                seen.add(key.image);
              });
              this.CONSUME(t.Equals);
              // Any word, name or literal, so that a wrong value is reported with what was expected.
              const value = this.OR2({
                ERR_MSG: 'a value',
                DEF: [
                  { ALT: () => this.CONSUME2(t.Identifier, { LABEL: 'value' }) },
                  { ALT: () => this.CONSUME(t.QuotedIdentifier, { LABEL: 'value' }) },
                  { ALT: () => this.CONSUME(t.BoolLiteral, { LABEL: 'value' }) },
                  { ALT: () => this.CONSUME(t.LongLiteral, { LABEL: 'value' }) },
                  { ALT: () => this.CONSUME(t.StringLiteral, { LABEL: 'value' }) },
                ],
              });
              this.ACTION(() => this.checkParameter(spec!.params[key.image]!, key, value));
            },
          },
        ]);
      },
    });
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

  /** `sort by key, ...` / `order by key, ...`. */
  sortOperator = this.RULE('sortOperator', () => {
    this.OR([{ ALT: () => this.CONSUME(t.Sort) }, { ALT: () => this.CONSUME(t.Order) }]);
    this.CONSUME(t.By);
    this.SUBRULE(this.sortKeys);
  });

  /** `top N by key, ...`. */
  topOperator = this.RULE('topOperator', () => {
    this.CONSUME(t.Top);
    this.SUBRULE(this.scalarExpr);
    this.CONSUME(t.By);
    this.SUBRULE(this.sortKeys);
  });

  sortKeys = this.RULE('sortKeys', () => {
    this.SUBRULE(this.sortKey);
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE2(this.sortKey);
    });
  });

  /** `expr [asc|desc] [nulls first|nulls last]`. */
  sortKey = this.RULE('sortKey', () => {
    this.SUBRULE(this.scalarExpr);
    this.OPTION(() => this.OR([{ ALT: () => this.CONSUME(t.Asc) }, { ALT: () => this.CONSUME(t.Desc) }]));
    this.OPTION2(() => {
      this.CONSUME(t.Nulls);
      this.OR2([{ ALT: () => this.CONSUME(t.First) }, { ALT: () => this.CONSUME(t.Last) }]);
    });
  });

  /** `distinct a, b` or `distinct *`. */
  distinctOperator = this.RULE('distinctOperator', () => {
    this.CONSUME(t.Distinct);
    this.OPTION({ GATE: () => this.startsHint(), DEF: () => this.SUBRULE(this.hint) });
    this.OR({
      ERR_MSG: "an expression or '*'",
      DEF: [
        { ALT: () => this.CONSUME(t.Star) },
        {
          ALT: () => {
            this.SUBRULE(this.scalarExpr);
            this.MANY(() => {
              this.CONSUME(t.Comma);
              this.SUBRULE2(this.scalarExpr);
            });
          },
        },
      ],
    });
  });

  /** `project-away`, `project-keep`, `project-reorder` with names or wildcard patterns. */
  projectColumnsOperator = this.RULE('projectColumnsOperator', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.ProjectAway) },
      { ALT: () => this.CONSUME(t.ProjectKeep) },
      { ALT: () => this.CONSUME(t.ProjectReorder) },
    ]);
    this.SUBRULE(this.columnPattern);
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE2(this.columnPattern);
    });
  });

  /**
   * `Name`, `['a b']`, `Email*`, `*Id`, `*`: names and stars written without spaces between them, then
   * (for project-reorder) an order.
   */
  columnPattern = this.RULE('columnPattern', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Identifier) },
      { ALT: () => this.CONSUME(t.QuotedIdentifier) },
      { ALT: () => this.CONSUME(t.Star) },
    ]);
    this.MANY({
      GATE: () => this.adjacent(),
      DEF: () =>
        this.OR2([
          { ALT: () => this.CONSUME2(t.Identifier) },
          { ALT: () => this.CONSUME2(t.QuotedIdentifier) },
          { ALT: () => this.CONSUME2(t.Star) },
        ]),
    });
    this.OPTION(() =>
      this.OR3([
        { ALT: () => this.CONSUME(t.Asc, { LABEL: 'order' }) },
        { ALT: () => this.CONSUME(t.Desc, { LABEL: 'order' }) },
        { ALT: () => this.CONSUME(t.GrannyAsc, { LABEL: 'order' }) },
        { ALT: () => this.CONSUME(t.GrannyDesc, { LABEL: 'order' }) },
      ]),
    );
  });

  /** `project-rename New = Old, ...`. */
  projectRenameOperator = this.RULE('projectRenameOperator', () => {
    this.CONSUME(t.ProjectRename);
    this.SUBRULE(this.rename);
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE2(this.rename);
    });
  });

  rename = this.RULE('rename', () => {
    this.SUBRULE(this.name, { LABEL: 'newName' });
    this.CONSUME(t.Equals);
    this.SUBRULE2(this.name, { LABEL: 'oldName' });
  });

  /** `join [kind=K] [hint.strategy=...] Right on keys`. */
  joinOperator = this.RULE('joinOperator', () => {
    this.CONSUME(t.Join);
    this.SUBRULE(this.operatorParameters, { ARGS: [JOIN_PARAMETERS] });
    this.SUBRULE(this.tabularOperand);
    this.SUBRULE(this.joinKeys);
  });

  /** `lookup [kind=leftouter|inner] Right on keys`. */
  lookupOperator = this.RULE('lookupOperator', () => {
    this.CONSUME(t.Lookup);
    this.SUBRULE(this.operatorParameters, { ARGS: [LOOKUP_PARAMETERS] });
    this.SUBRULE(this.tabularOperand);
    this.SUBRULE(this.joinKeys);
  });

  joinKeys = this.RULE('joinKeys', () => {
    this.CONSUME(t.On);
    this.SUBRULE(this.joinKey);
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE2(this.joinKey);
    });
  });

  /** `Col`, or `$left.A == $right.B` (either side first). */
  joinKey = this.RULE('joinKey', () => {
    this.OR({
      ERR_MSG: "a column name or '$left'",
      DEF: [
        {
          ALT: () => {
            const first = this.SUBRULE(this.sideColumn);
            this.CONSUME(t.EqualEqual);
            const second = this.SUBRULE2(this.sideColumn);
            this.ACTION(() => {
              const [a, b] = [first, second].map((c) => (c.children as cst.SideColumnCstChildren).JoinSide[0]!);
              if (a!.image === b!.image) {
                const other = a!.image === '$left' ? '$right' : '$left';
                throw new KqlSyntaxError(`Expected '${other}', found '${b!.image}'.`, tokenSpan(b!));
              }
            });
          },
        },
        { ALT: () => this.SUBRULE(this.name) },
      ],
    });
  });

  /** `$left.Name` or `$right.Name`. */
  sideColumn = this.RULE('sideColumn', () => {
    this.CONSUME(t.JoinSide);
    this.CONSUME(t.Dot);
    this.SUBRULE(this.name);
  });

  /** `mv-expand [bagexpansion=bag|array] [with_itemindex=Name] item, ... [limit N]`. */
  mvExpandOperator = this.RULE('mvExpandOperator', () => {
    this.CONSUME(t.MvExpand);
    this.SUBRULE(this.mvExpansion);
  });

  /** What mv-expand and mv-apply share: `[bagexpansion=…] [with_itemindex=Name] item, ... [limit N]`. */
  mvExpansion = this.RULE('mvExpansion', () => {
    this.SUBRULE(this.operatorParameters, { ARGS: [MV_EXPAND_PARAMETERS] });
    this.SUBRULE(this.mvExpandItem);
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE2(this.mvExpandItem);
    });
    this.OPTION(() => {
      this.CONSUME(t.Limit);
      this.SUBRULE(this.scalarExpr);
    });
  });

  /** `mv-apply [with_itemindex=Name] item, ... [limit N] on (op | op ...)`: the subquery has no source of its own. */
  mvApplyOperator = this.RULE('mvApplyOperator', () => {
    this.CONSUME(t.MvApply);
    this.SUBRULE(this.mvExpansion);
    this.CONSUME(t.On);
    this.CONSUME(t.LParen);
    this.SUBRULE(this.queryOperator);
    this.MANY2(() => {
      this.CONSUME(t.Pipe);
      this.SUBRULE2(this.queryOperator);
    });
    this.CONSUME(t.RParen);
  });

  /** `[Name =] expr [to typeof(T)]`. */
  mvExpandItem = this.RULE('mvExpandItem', () => {
    this.OPTION(() => {
      this.SUBRULE(this.name);
      this.CONSUME(t.Equals);
    });
    this.SUBRULE(this.scalarExpr);
    this.OPTION2(() => {
      this.CONSUME(t.To);
      const keyword = this.CONSUME(t.Identifier, { LABEL: 'typeofKeyword' });
      this.ACTION(() => {
        if (keyword.image !== 'typeof') throw new KqlSyntaxError(`Expected 'typeof', found '${keyword.image}'.`, tokenSpan(keyword));
      });
      this.CONSUME(t.LParen);
      this.CONSUME2(t.Identifier, { LABEL: 'typeName' });
      this.CONSUME(t.RParen);
    });
  });

  /** `as [hint.materialized=true] Name`. */
  asOperator = this.RULE('asOperator', () => {
    this.CONSUME(t.As);
    this.SUBRULE(this.operatorParameters, { ARGS: [AS_PARAMETERS] });
    this.SUBRULE(this.name);
  });

  assignmentList = this.RULE('assignmentList', () => {
    this.SUBRULE(this.assignment);
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE2(this.assignment);
    });
  });

  /** `Name = expr` or `expr`; `(a, b) = f(x)` is refused. */
  assignment = this.RULE('assignment', () => {
    this.OPTION({
      GATE: () => this.is(1, t.LParen) && this.is(2, t.Identifier) && this.is(3, t.Comma),
      DEF: () => {
        const open = this.CONSUME(t.LParen);
        this.ACTION(() => this.refuse('assigning several columns at once', open, this.LA(this.closingParen(0))));
      },
    });
    this.OPTION2(() => {
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

  /** `.name`, `[index]`, or `["key"]` (lexed as a quoted name); `.[index]` and `.["key"]` too. */
  accessor = this.RULE('accessor', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Dot);
          this.OR2({
            ERR_MSG: 'a name',
            DEF: [
              { ALT: () => this.CONSUME(t.Identifier) },
              { ALT: () => this.SUBRULE(this.bracketIndex) },
              { ALT: () => this.CONSUME(t.QuotedIdentifier) },
            ],
          });
        },
      },
      { ALT: () => this.SUBRULE2(this.bracketIndex) },
      { ALT: () => this.CONSUME2(t.QuotedIdentifier) },
    ]);
  });

  bracketIndex = this.RULE('bracketIndex', () => {
    this.CONSUME(t.LBracket);
    this.SUBRULE(this.scalarExpr);
    this.CONSUME(t.RBracket);
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
      DEF: [
        { ALT: () => this.CONSUME(t.Star) },
        {
          // `f(name = value)`: named arguments are refused by name.
          GATE: () => tokenMatcher(this.LA(1), t.Identifier) && tokenMatcher(this.LA(2), t.Equals),
          ALT: () => {
            const name = this.CONSUME(t.Identifier);
            this.ACTION(() => this.refuse('named arguments in function calls', name));
          },
        },
        { ALT: () => this.SUBRULE(this.expression) },
      ],
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
        {
          ALT: () => {
            const typed = this.CONSUME(t.TypedLiteral);
            this.ACTION(() => this.refuse(`typed values such as ${typed.image.split('(')[0]}(…) inside dynamic literals`, typed));
          },
        },
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

  /**
   * The parameter list of `let f = (a:long) { ... }` or `let v = view () { ... }`: `(` then `)` or `name :`,
   * or a parenthesis followed by `{` (so that `(a) { ... }` is reported as a malformed parameter).
   */
  private startsFunctionDefinition(): boolean {
    const open = this.is(1, t.View) ? 2 : 1;
    if (!this.is(open, t.LParen)) return false;
    if (this.is(open + 1, t.RParen) || (this.is(open + 1, t.Identifier) && this.is(open + 2, t.Colon))) return true;
    return this.is(this.closingParen(open) + 1, t.LBrace);
  }

  /** A statement keyword followed by a name; `set | count` would still be a table named `set`. */
  private startsUnsupportedStatement(): boolean {
    return UNSUPPORTED_STATEMENTS.has(this.LA(1).image) && this.is(2, t.Identifier);
  }

  private startsHint(): boolean {
    return this.LA(1).image === 'hint' && this.is(2, t.Dot);
  }

  /** Whether the next token starts right where the last consumed one ends (no blank between them). */
  private adjacent(): boolean {
    const previous = this.LA(0);
    return this.LA(1).startOffset === previous.startOffset + previous.image.length;
  }

  /** `*`, `Name*` or `*Name` next: a wildcard table name. */
  private startsWildcardName(): boolean {
    if (this.is(1, t.Star)) return true;
    const [first, second] = [this.LA(1), this.LA(2)];
    return (
      tokenMatcher(first, t.Identifier) &&
      tokenMatcher(second, t.Star) &&
      second.startOffset === first.startOffset + first.image.length
    );
  }

  /** The last of the names and stars that follow `first` without blanks (`first` itself if none). */
  private adjacentRun(first: IToken): IToken {
    let last = first;
    for (let i = 1; ; i++) {
      const next = this.LA(i);
      const joined = next.startOffset === last.startOffset + last.image.length;
      if (!joined || !(tokenMatcher(next, t.Identifier) || tokenMatcher(next, t.Star))) return last;
      last = next;
    }
  }

  /** The tokens after the last consumed one, up to and including `last`. */
  private tokensUpTo(last: IToken): IToken[] {
    const tokens: IToken[] = [];
    for (let i = 1; this.LA(i).startOffset <= last.startOffset && this.LA(i).tokenType !== EOF; i++) {
      tokens.push(this.LA(i));
    }
    return tokens;
  }

  /**
   * The lookahead offset of the `)` closing the `(` at offset `open` (0: the token just consumed), or of the
   * last token if it is not closed.
   */
  private closingParen(open: number): number {
    let depth = 1;
    let i = open + 1;
    for (; this.LA(i).tokenType !== EOF; i++) {
      if (this.is(i, t.LParen)) depth++;
      if (this.is(i, t.RParen) && --depth === 0) return i;
    }
    return i - 1;
  }

  /** Checks the value of `key=value` against what the operator allows. */
  private checkParameter(allowed: readonly string[] | 'name' | 'bool', key: IToken, value: IToken): void {
    const ok =
      allowed === 'name'
        ? tokenMatcher(value, t.Identifier) || tokenMatcher(value, t.QuotedIdentifier)
        : allowed === 'bool'
          ? tokenMatcher(value, t.BoolLiteral)
          : tokenMatcher(value, t.Identifier) && allowed.includes(value.image);
    if (ok) return;
    const expected =
      allowed === 'name' ? 'a name' : allowed === 'bool' ? 'true or false' : orList(allowed.map((w) => `'${w}'`));
    throw new KqlSyntaxError(`Expected ${expected} after '${key.image}=', found '${value.image}'.`, tokenSpan(value));
  }

  private refuse(what: string, first: IToken, last = first): never {
    throw notSupported(what, cover(tokenSpan(first), tokenSpan(last)));
  }
}

/** "a, b or c". */
function orList(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/** The one parser instance: building one analyses the grammar, which costs far more than a parse. */
export const kqlParser = new KqlParser();
