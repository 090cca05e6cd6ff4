/**
 * The real Excel JavaScript client (`@microsoft/office-js`, excel-web-16.00 = Excel on the web) run
 * in Node, with a request executor that records every request and answers it from the fake Excel.
 *
 * The client library is a browser script: it is evaluated in a `vm` context with a minimal `window`.
 * Its `ClientRequestContext` sends each `context.sync()` through `_requestExecutor.executeAsync(
 * customData, flags, { Url, Headers, Body })`; Excel on the web posts `JSON.stringify(Body)` (see
 * `RichApiMessageUtility.buildMessageArrayForIRequestExecutor` in the library). Here that text is
 * measured (UTF-8 bytes), refused above 5 MB as Excel on the web does ("RequestPayloadSizeLimitExceeded"),
 * and replayed on a FakeContext: object paths become fake proxies (GetRange → getRange, Worksheets →
 * worksheets, an indexer → getItem), actions become the same calls, loads are answered in the
 * protocol's shape ({ Values: … }, collections as { _Items: [...] }, null objects as { _IsNull: true }).
 * So the adapter's real proxy objects serialise the real requests, and their results drive the
 * adapter as Excel's would. Events (onChanged) are not bridged.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import type { ExcelHost, ExcelRunOptions } from "../../../src/workbook/office/office-workbook";
import {
  FakeChartCollection,
  FakeContext,
  FakeNamedItemCollection,
  FakeOfficeError,
  FakeTableCollection,
  FakeWorksheetCollection,
  type FakeExcel,
} from "./fake-excel";

/** The fake's collections: loaded as `items/…`, answered as { _Items: [...] }. */
const isCollection = (obj: unknown): boolean =>
  obj instanceof FakeWorksheetCollection ||
  obj instanceof FakeNamedItemCollection ||
  obj instanceof FakeTableCollection ||
  obj instanceof FakeChartCollection;

/** Excel on the web's request limit. */
export const WEB_REQUEST_LIMIT = 5 * 1024 * 1024;

interface ClientGlobals {
  Excel: typeof Excel;
}

let client: ClientGlobals | null = null;

/** The Excel client library, evaluated once. */
export function excelClient(): ClientGlobals {
  if (client) return client;
  const file = join(
    __dirname,
    "../../../node_modules/@microsoft/office-js/dist/excel-web-16.00.debug.js"
  );
  const noop = (): void => undefined;
  const sandbox: Record<string, unknown> = {
    console: { log: noop, warn: noop, error: noop, info: noop, debug: noop },
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    navigator: { userAgent: "node" },
    location: { href: "https://localhost/", search: "", hash: "" },
    document: {
      addEventListener: noop,
      readyState: "complete",
      getElementsByTagName: () => [],
      createElement: () => ({ style: {}, setAttribute: noop, appendChild: noop }),
      cookie: "",
    },
    addEventListener: noop,
  };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  sandbox.top = sandbox;
  sandbox.parent = sandbox;
  vm.createContext(sandbox);
  vm.runInContext(readFileSync(file, "utf8"), sandbox, { filename: "excel-web-16.00.debug.js" });
  client = { Excel: sandbox.Excel as typeof Excel };
  return client;
}

/** One request as sent. */
export interface RecordedRequest {
  readonly bytes: number;
  readonly actions: number;
  readonly flags: number;
  /** Whether the fake refused it (too large, or an Office error). */
  readonly failed?: string;
}

interface ObjectPathInfo {
  readonly Id: number;
  readonly ObjectPathType: number;
  readonly Name: string;
  readonly ParentObjectPathId?: number;
  readonly ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
}
interface ActionInfo {
  readonly Id: number;
  readonly ActionType: number;
  readonly Name: string;
  readonly ObjectPathId: number;
  readonly ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
  readonly QueryInfo?: { Select?: string[]; Expand?: string[] };
}
interface RequestBody {
  readonly Actions: ActionInfo[];
  readonly ObjectPaths: Record<string, ObjectPathInfo>;
}

type Dyn = Record<string, unknown>;
const lower = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
const upper = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** A fake proxy's isNullObject after the fake's sync; undefined where it has none (not an OrNullObject). */
function nullState(obj: unknown): boolean | undefined {
  return obj instanceof Object && "probedNull" in obj
    ? (obj as { probedNull: boolean | undefined }).probedNull
    : undefined;
}
const isNull = (obj: unknown): boolean => nullState(obj) === true;

/** Replays one RequestContext's requests on the fake, keeping its object paths across syncs. */
class Bridge {
  private readonly objects = new Map<number, unknown>();
  /**
   * Inside Excel.run the client keeps every object it creates alive across syncs: it sends a
   * `_KeepReference` action for it, Excel answers the object's instantiation with a `_ReferenceId`,
   * and the client then addresses the object by that reference (object path type 6) in later
   * requests (`TrackedObjects._autoAdd`, `ObjectPath.updateUsingObjectData` in the library).
   */
  private readonly references = new Map<string, unknown>();
  private readonly fake: FakeContext;
  constructor(
    excel: FakeExcel,
    private readonly record: (r: RecordedRequest) => void
  ) {
    this.fake = new FakeContext(excel);
  }

  private args(info: ActionInfo["ArgumentInfo"]): unknown[] {
    const args = info?.Arguments ?? [];
    const refs = info?.ReferencedObjectPathIds ?? [];
    return args.map((a, i) => ((refs[i] ?? 0) > 0 ? this.objects.get(refs[i] ?? 0) : a));
  }

  private resolve(paths: Record<string, ObjectPathInfo>, id: number): unknown {
    if (this.objects.has(id)) return this.objects.get(id);
    const p = paths[String(id)];
    if (!p) throw new Error(`bridge: object path ${id} not sent`);
    const parent =
      p.ParentObjectPathId === undefined ? undefined : this.resolve(paths, p.ParentObjectPathId);
    let obj: unknown;
    switch (p.ObjectPathType) {
      case 1: // the root: the workbook
        obj = this.fake.workbook;
        break;
      case 3: {
        const f = (parent as Dyn)[lower(p.Name)];
        if (typeof f !== "function") throw new Error(`bridge: no method ${p.Name}`);
        obj = (f as (...a: unknown[]) => unknown).apply(parent, this.args(p.ArgumentInfo));
        break;
      }
      case 4:
        obj = (parent as Dyn)[lower(p.Name)];
        break;
      case 5:
        obj = (parent as { getItem(k: unknown): unknown }).getItem(p.ArgumentInfo?.Arguments?.[0]);
        break;
      case 6: // a reference Excel handed out earlier (see keepReferences)
        obj = this.references.get(p.Name);
        break;
      default:
        throw new Error(`bridge: object path type ${p.ObjectPathType} (${p.Name})`);
    }
    if (obj === undefined) throw new Error(`bridge: ${p.Name} is undefined`);
    this.objects.set(id, obj);
    return obj;
  }

  /** What an instantiation returns: null for a null object, a reference for a kept one. */
  private instantiation(path: number, obj: unknown, kept: ReadonlySet<number>): unknown {
    if (isNull(obj)) return null;
    if (!kept.has(path)) return {};
    const ref = `ref-${path}`;
    this.references.set(ref, obj);
    return { _ReferenceId: ref };
  }

  /** What a query returns, in the protocol's shape. */
  private static answer(obj: unknown, select: readonly string[]): unknown {
    if (isNull(obj)) return null; // ClientObject._handleResult: null or undefined is a null object
    const o = obj as Dyn;
    if (isCollection(obj)) {
      const items = (o.items as Dyn[]).map((it) => {
        const out: Dyn = { Id: it.id };
        for (const s of select) out[upper(s)] = it[s];
        return out;
      });
      return { _Items: items };
    }
    const out: Dyn = {};
    for (const s of select) {
      const [head, tail] = s.split("/");
      if (head === undefined) continue;
      if (tail !== undefined) {
        const nested = o[head] as { items: Dyn[] };
        out[upper(head)] = { _Items: nested.items.map((x) => ({ [upper(tail)]: x[tail] })) };
      } else out[upper(head)] = o[head];
    }
    return out;
  }

  execute(flags: number, body: RequestBody, text: string): Promise<unknown> {
    const bytes = Buffer.byteLength(text, "utf8");
    const fail = (code: string, message: string, location = ""): unknown => ({
      HttpStatusCode: 400,
      ErrorCode: "",
      ErrorMessage: "",
      Headers: {},
      Body: { Error: { Code: code, Message: message, Location: location, HttpStatusCode: 400 } },
    });
    if (bytes > WEB_REQUEST_LIMIT) {
      this.record({ bytes, actions: body.Actions.length, flags, failed: "too large" });
      return Promise.resolve(
        fail("RequestPayloadSizeLimitExceeded", `The request payload is ${bytes} bytes.`)
      );
    }
    const queries: { id: number; obj: unknown; select: string[] }[] = [];
    const instantiated: { id: number; path: number; obj: unknown }[] = [];
    const kept = new Set(
      body.Actions.filter((a) => a.ActionType === 3 && a.Name === "_KeepReference").map(
        (a) => a.ObjectPathId
      )
    );
    try {
      for (const a of body.Actions) {
        const obj = this.resolve(body.ObjectPaths, a.ObjectPathId);
        const args = this.args(a.ArgumentInfo);
        switch (a.ActionType) {
          case 1: // instantiate: resolved above; an OrNullObject learns here whether it is null
            instantiated.push({ id: a.Id, path: a.ObjectPathId, obj });
            break;
          case 2: {
            const select = a.QueryInfo?.Select ?? [];
            const collection = isCollection(obj);
            const spec = select
              .map((s) => (collection ? `items/${s}` : s.replace(/^areas\//, "areas/items/")))
              .join(",");
            (obj as { load(s: string): void }).load(spec);
            queries.push({ id: a.Id, obj, select });
            break;
          }
          case 3: {
            // The client's own bookkeeping (_KeepReference for objects used across syncs).
            if (a.Name.startsWith("_")) break;
            const f = (obj as Dyn)[lower(a.Name)];
            if (typeof f !== "function") throw new Error(`bridge: no method ${a.Name}`);
            (f as (...x: unknown[]) => unknown).apply(obj, args);
            break;
          }
          case 4:
            (obj as Dyn)[lower(a.Name)] = args[0];
            break;
          default:
            throw new Error(`bridge: action type ${a.ActionType} (${a.Name})`);
        }
      }
    } catch (e) {
      if (e instanceof FakeOfficeError) return Promise.resolve(fail(e.code, e.message));
      throw e;
    }
    return this.fake.sync().then(
      () => {
        this.record({ bytes, actions: body.Actions.length, flags });
        return {
          HttpStatusCode: 200,
          ErrorCode: "",
          ErrorMessage: "",
          Headers: {},
          Body: {
            Results: [
              ...instantiated
                .filter((i) => nullState(i.obj) !== undefined || kept.has(i.path))
                .map((i) => ({ ActionId: i.id, Value: this.instantiation(i.path, i.obj, kept) })),
              ...queries.map((q) => ({ ActionId: q.id, Value: Bridge.answer(q.obj, q.select) })),
            ],
          },
        };
      },
      (e: unknown) => {
        if (!(e instanceof FakeOfficeError)) throw e;
        this.record({ bytes, actions: body.Actions.length, flags, failed: e.code });
        return fail(e.code, e.message, e.debugInfo.errorLocation);
      }
    );
  }
}

/**
 * An ExcelHost whose runs use the real client over the fake. `requests` lists every request sent;
 * `mark(label)` starts a new labelled group (for the bench and the size tests).
 */
export class RealClientHost implements ExcelHost {
  readonly requests: (RecordedRequest & { readonly label: string })[] = [];
  private label = "";
  constructor(private readonly fake: FakeExcel) {}

  mark(label: string): void {
    this.label = label;
  }

  bytesOf(label: string): number[] {
    return this.requests.filter((r) => r.label === label).map((r) => r.bytes);
  }

  /**
   * The client's own hook for a custom transport: a `session` that resolves the request URL and
   * creates the request executor (`ClientRequestContext.isRequestUrlAndHeaderInfoResolver`).
   */
  private session(): unknown {
    const bridge = new Bridge(this.fake, (r) => this.requests.push({ ...r, label: this.label }));
    return {
      _resolveRequestUrlAndHeaderInfo: () =>
        Promise.resolve({ url: "http://document.localhost/", headers: {} }),
      _createRequestExecutorOrNull: () => ({
        executeAsync: (_custom: unknown, flags: number, message: { Body: RequestBody }) =>
          bridge.execute(flags, message.Body, JSON.stringify(message.Body)),
      }),
    };
  }

  run<T>(
    batch: (context: Excel.RequestContext) => Promise<T>,
    options?: ExcelRunOptions
  ): Promise<T> {
    const { Excel: X } = excelClient();
    this.fake.runs++;
    // The client's own Excel.run: it applies delayForCellEdit (request flag 64) as in Excel.
    return X.run({ ...options, session: this.session() } as Excel.RunOptions, batch);
  }

  runIn<T>(
    context: Excel.RequestContext,
    batch: (context: Excel.RequestContext) => Promise<T>
  ): Promise<T> {
    return batch(context);
  }
}
