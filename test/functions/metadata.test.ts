/**
 * The functions.json Excel reads is generated from the JSDoc in src/functions/functions.ts. This test
 * generates it the same way the webpack plugin does and checks ids, parameter names, optional flags,
 * dimensionality and result types against the engine's function table, so a metadata regression fails CI.
 */
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { join } from "node:path";
import { FUNCTIONS } from "../../src/engine/functions";
import * as functionsModule from "../../src/functions/functions";

interface MetaParam {
  name: string;
  optional?: boolean;
  dimensionality?: string;
  type?: string;
  description?: string;
}
interface MetaFunction {
  id: string;
  name: string;
  description: string;
  parameters: MetaParam[];
  result: { dimensionality?: string; type?: string };
  options?: Record<string, boolean>;
}

let meta: { functions: MetaFunction[] };
let associations: { id: string; functionName: string }[];

beforeAll(async () => {
  const r = await generateCustomFunctionsMetadata(
    [join(__dirname, "../../src/functions/functions.ts")],
    false
  );
  expect(r.errors).toEqual([]);
  meta = JSON.parse(r.metadataJson) as { functions: MetaFunction[] };
  associations = r.associate;
}, 60_000);

test("every function in the engine table is declared, in the same order, with explicit ids", () => {
  expect(meta.functions.map((f) => f.id)).toEqual(FUNCTIONS.map((f) => f.id));
  expect(meta.functions.map((f) => f.name)).toEqual(FUNCTIONS.map((f) => f.id));
  expect(associations.map((a) => a.id)).toEqual(FUNCTIONS.map((f) => f.id));
});

test("the registered associations are the metadata's: same ids, same order, same functions", () => {
  const registered = functionsModule.DTI_FUNCTIONS as Readonly<Record<string, unknown>>;
  expect(Object.keys(registered)).toEqual(associations.map((a) => a.id));
  const exported = functionsModule as unknown as Readonly<Record<string, unknown>>;
  for (const a of associations) expect(registered[a.id]).toBe(exported[a.functionName]);
});

test.each(FUNCTIONS.map((f) => [f.id, f] as const))(
  "%s: parameters and result match the table",
  (id, spec) => {
    const f = meta.functions.find((m) => m.id === id)!;
    expect(f.parameters.map((p) => p.name)).toEqual(spec.params.map((p) => p.name));
    expect(f.parameters.map((p) => p.optional === true)).toEqual(
      spec.params.map((p) => p.optional)
    );
    // ranges are matrices; scalars are "any" (or string) so blanks reach the engine as blanks, never as 0
    expect(f.parameters.map((p) => p.dimensionality === "matrix")).toEqual(
      spec.params.map((p) => p.type === "range")
    );
    for (const p of f.parameters)
      expect(p.type === undefined || p.type === "any" || p.type === "string").toBe(true);
    expect(f.result.dimensionality === "matrix").toBe(spec.result === "matrix");
    expect(f.result.type).toBeUndefined(); // "any": results may be errors or ""
    // Vietnamese descriptions and help on every parameter
    expect(f.description).toMatch(
      /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùýĐ]/
    );
    for (const p of f.parameters) expect((p.description ?? "").length).toBeGreaterThan(5);
  }
);

test("functions.json as webpack writes it lets error cells reach the functions", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the config is CommonJS
  const { finishMetadata } = require("../../webpack.config.js") as {
    finishMetadata: (json: string) => string;
  };
  const finished = JSON.parse(finishMetadata(JSON.stringify(meta))) as {
    allowErrorForDataTypeAny?: boolean;
    functions: MetaFunction[];
  };
  expect(finished.allowErrorForDataTypeAny).toBe(true);
  expect(finished.functions).toEqual(meta.functions);
});

test("never volatile, never streaming, synchronous", () => {
  for (const f of meta.functions) {
    expect(f.options?.["volatile"]).not.toBe(true);
    expect(f.options?.["stream"]).not.toBe(true);
  }
});
