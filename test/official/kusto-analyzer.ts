/**
 * A thin wrapper over Microsoft's own KQL parser and semantic analyzer, `@kusto/language-service-next`
 * (a Bridge.NET build of github.com/microsoft/Kusto-Query-Language, the code behind the Kusto editors).
 *
 * The package is not a module: it ships `bridge.min.js` (the Bridge.NET runtime) and
 * `Kusto.Language.Bridge.min.js` (Kusto.Language compiled to JavaScript), which must be evaluated in that
 * order and which define the globals `Bridge`, `System` and `Kusto`. We evaluate them once per process with
 * Node's own CommonJS `require` (through `createRequire`, so vite never transforms the 5 MB of code), then
 * read `globalThis.Kusto`.
 *
 * `analyze(query, tables)` declares `tables` as the tables of one database (the current one), runs
 * `KustoCode.ParseAndAnalyze`, and returns:
 *   - valid:   no diagnostic of severity `Error`;
 *   - errors:  the messages of those diagnostics (`KS142: The name 'x' does not refer to …`);
 *   - columns: the schema of the query's result, the type of its last expression statement
 *              (`KustoCode.ResultType`), when that is a table;
 *   - open:    the analyzer knows that table has columns it cannot name (e.g. after `evaluate bag_unpack`);
 *   - statements: the schema of every top-level tabular expression statement, in order (a query with
 *              several statements returns one result per statement; `fork` returns a group of tables).
 */
import { createRequire } from 'node:module';

export interface Column {
  name: string;
  type: string;
}

export interface AnalyzerResult {
  valid: boolean;
  errors: string[];
  columns?: Column[];
  open?: boolean;
  /** One entry per top-level expression statement whose type is a table (fork: one per branch). */
  statements?: { columns: Column[]; open: boolean }[];
}

/* Minimal shapes of the Bridge.NET objects we touch (the package's .d.ts declares global namespaces). */
type BridgeObject = Record<string, any>;
interface BridgeRuntime {
  getEnumerator(x: unknown): { moveNext(): boolean; Current: any };
  getTypeName(x: unknown): string;
}

let loaded: { Bridge: BridgeRuntime; K: BridgeObject } | undefined;

/** Evaluates the two bridge files (once) and returns the `Bridge` runtime and the `Kusto.Language` namespace. */
export function loadKusto(): { Bridge: BridgeRuntime; K: BridgeObject } {
  if (loaded) return loaded;
  const g = globalThis as unknown as { Bridge?: BridgeRuntime; Kusto?: { Language: BridgeObject } };
  if (!g.Kusto?.Language) {
    const require = createRequire(import.meta.url);
    require(require.resolve('@kusto/language-service-next/bridge.min.js'));
    require(require.resolve('@kusto/language-service-next/Kusto.Language.Bridge.min.js'));
  }
  if (!g.Bridge || !g.Kusto?.Language) throw new Error('@kusto/language-service-next did not define the Bridge/Kusto globals');
  loaded = { Bridge: g.Bridge, K: g.Kusto.Language };
  return loaded;
}

/** The package's version, for reports. */
export function kustoPackageVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('@kusto/language-service-next/package.json') as { version: string }).version;
}

function items(x: unknown): any[] {
  if (x == null) return [];
  if (Array.isArray(x)) return x;
  const { Bridge } = loadKusto();
  const out: any[] = [];
  const e = Bridge.getEnumerator(x);
  while (e.moveNext()) out.push(e.Current);
  return out;
}

const globalsCache = new Map<string, BridgeObject>();

function globalsFor(tables: Record<string, readonly Column[]>): BridgeObject {
  const key = JSON.stringify(Object.entries(tables).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  let globals = globalsCache.get(key);
  if (!globals) {
    const { K } = loadKusto();
    const S = K.Symbols;
    const symbols = Object.entries(tables).map(([name, cols]) => {
      const columns = cols.map((c) => {
        const type = S.ScalarTypes.GetSymbol(c.type);
        if (!type) throw new Error(`table ${name}: column ${c.name} has a type the analyzer does not know: ${c.type}`);
        return new S.ColumnSymbol(c.name, type, null, null, null, null);
      });
      return new S.TableSymbol.$ctor4(name, columns);
    });
    globals = K.GlobalState.Default.WithDatabase(new S.DatabaseSymbol.ctor('db', symbols)) as BridgeObject;
    globalsCache.set(key, globals);
  }
  return globals;
}

function tableOf(type: BridgeObject): { columns: Column[]; open: boolean } {
  const columns = items(type.Columns).map((c) => ({ name: String(c.Name), type: String(c.Type?.Name) }));
  return { columns, open: Boolean(type.IsOpen) };
}

/** The tables a result type stands for: a table, the members of a group (fork), or none. */
function tablesOf(type: BridgeObject | null | undefined): { columns: Column[]; open: boolean }[] {
  if (!type) return [];
  const { Bridge } = loadKusto();
  const kind = Bridge.getTypeName(type);
  if (kind === 'Kusto.Language.Symbols.TableSymbol') return [tableOf(type)];
  if (kind === 'Kusto.Language.Symbols.GroupSymbol') return items(type.Members).flatMap((m) => tablesOf(m));
  return [];
}

export function analyze(query: string, tables: Record<string, readonly Column[]>): AnalyzerResult {
  const { K, Bridge } = loadKusto();
  const code = K.KustoCode.ParseAndAnalyze(query, globalsFor(tables)) as BridgeObject;
  const errors = items(code.GetDiagnostics())
    .filter((d) => d.Severity === 'Error')
    .map((d) => `${d.Code}: ${d.Message}`);
  const result: AnalyzerResult = { valid: errors.length === 0, errors };
  const last = tablesOf(code.ResultType);
  if (last.length === 1) {
    result.columns = last[0].columns;
    result.open = last[0].open;
  }
  const statements: { columns: Column[]; open: boolean }[] = [];
  const syntax = code.Syntax as BridgeObject | null;
  if (syntax && Bridge.getTypeName(syntax) === 'Kusto.Language.Syntax.QueryBlock') {
    for (const element of items(syntax.Statements)) {
      const st = element.Element;
      if (st && Bridge.getTypeName(st) === 'Kusto.Language.Syntax.ExpressionStatement') {
        statements.push(...tablesOf(st.Expression?.ResultType));
      }
    }
  }
  result.statements = statements;
  return result;
}
